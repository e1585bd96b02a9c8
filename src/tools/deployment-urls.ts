/**
 * The URLs a published app names, read from the environment by the packaging tools
 * (`npm run build:model`, `npm run package:teams`). Unset, each stays a documented placeholder on
 * the reserved `.invalid` domain (RFC 2606), which the committed files carry and which can never
 * resolve to anyone's site.
 */
export const PLACEHOLDER_HOST = 'https://neck-massage-coach.invalid';

export const DEPLOYMENT_PLACEHOLDERS = {
  /** Alexa endpoint: an https URL of `/api/alexa`, or the Lambda function's ARN. */
  alexaEndpoint: `${PLACEHOLDER_HOST}/api/alexa`,
  website: `${PLACEHOLDER_HOST}/`,
  privacy: `${PLACEHOLDER_HOST}/privacy`,
  terms: `${PLACEHOLDER_HOST}/terms`,
} as const;

export type DeploymentUrls = { -readonly [K in keyof typeof DEPLOYMENT_PLACEHOLDERS]: string };

export const DEPLOYMENT_VARIABLES: Record<keyof DeploymentUrls, string> = {
  alexaEndpoint: 'ALEXA_ENDPOINT_URL',
  website: 'WEBSITE_URL',
  privacy: 'PRIVACY_URL',
  terms: 'TERMS_URL',
};

const HTTPS_URL = /^https:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/;
const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(?::[\w-]+)?$/;

export const isLambdaArn = (endpoint: string): boolean => LAMBDA_ARN.test(endpoint);

/** The configured URLs (placeholders for those unset); throws listing every invalid one. */
export function deploymentUrls(env: NodeJS.ProcessEnv = process.env): DeploymentUrls {
  const urls = { ...DEPLOYMENT_PLACEHOLDERS } as DeploymentUrls;
  const problems: string[] = [];
  for (const key of Object.keys(DEPLOYMENT_VARIABLES) as Array<keyof DeploymentUrls>) {
    const name = DEPLOYMENT_VARIABLES[key];
    const value = env[name]?.trim();
    if (!value) continue;
    const ok = HTTPS_URL.test(value) || (key === 'alexaEndpoint' && isLambdaArn(value));
    if (ok) urls[key] = value;
    else {
      problems.push(
        `${name}: must be an https:// URL${key === 'alexaEndpoint' ? ' or a Lambda function ARN' : ''}, not "${value}"`,
      );
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return urls;
}

/** The variables still at their placeholder, for a reminder after packaging. */
export function placeholdersLeft(urls: DeploymentUrls): string[] {
  return (Object.keys(DEPLOYMENT_VARIABLES) as Array<keyof DeploymentUrls>)
    .filter((key) => urls[key] === DEPLOYMENT_PLACEHOLDERS[key])
    .map((key) => DEPLOYMENT_VARIABLES[key]);
}
