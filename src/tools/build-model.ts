import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildInteractionModel } from '../channels/alexa/model';
import type { ContentBundle } from '../content/bundle';
import { loadContent, PROJECT_ROOT } from '../content/load';
import {
  DEPLOYMENT_PLACEHOLDERS,
  deploymentUrls,
  isLambdaArn,
  placeholdersLeft,
  type DeploymentUrls,
} from './deployment-urls';

/**
 * `npm run build:model`: writes the Alexa skill package (skill-package/skill.json and one
 * interaction model per English locale) from the content bundle. `--check` writes nothing and exits
 * 1 when a committed file differs from what would be generated.
 *
 * The deployment's own values come from the environment: `ALEXA_ENDPOINT_URL` (https URL or Lambda
 * ARN), `ALEXA_SSL_CERTIFICATE_TYPE` (Wildcard, Trusted or SelfSigned; https only), `PRIVACY_URL`,
 * `TERMS_URL`. Unset, they are placeholders (deployment-urls.ts); the committed skill.json has the
 * placeholders, and the staleness check accepts any deployment's values in those fields.
 */

export const MODEL_LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN'] as const;
export const SKILL_PACKAGE = 'skill-package';
export const MODELS_DIR = `${SKILL_PACKAGE}/interactionModels/custom`;
export const MANIFEST_FILE = `${SKILL_PACKAGE}/skill.json`;
export const ENDPOINT_URI = DEPLOYMENT_PLACEHOLDERS.alexaEndpoint;
export const SSL_CERTIFICATE_TYPES = ['Wildcard', 'Trusted', 'SelfSigned'] as const;
export type SslCertificateType = (typeof SSL_CERTIFICATE_TYPES)[number];
/** Skill icons (ASK CLI uploads `file://` paths relative to skill-package/): 108 and 512 px. */
export const ICONS = {
  small: { path: `${SKILL_PACKAGE}/assets/images/small-icon.png`, size: 108 },
  large: { path: `${SKILL_PACKAGE}/assets/images/large-icon.png`, size: 512 },
} as const;
export const TESTING_INSTRUCTIONS =
  'No account linking, no purchases, no permissions. Say "Alexa, open neck massage coach", then ' +
  'ask "is it safe to massage my neck?". Say "start neck stretches", then "next", "back", ' +
  '"repeat" and "pause"; open the skill again and say "resume": it continues at the saved step. ' +
  'Safety: during a routine say "I feel dizzy": the routine stops and a precaution is given. ' +
  'Say "my face is drooping": it tells you to call emergency services now. The skill keeps only ' +
  'the saved routine step and which safety notices were given, never what was said.';

export interface SkillDeployment {
  urls: Pick<DeploymentUrls, 'alexaEndpoint' | 'privacy' | 'terms'>;
  sslCertificateType: SslCertificateType;
}

export const PLACEHOLDER_DEPLOYMENT: SkillDeployment = {
  urls: DEPLOYMENT_PLACEHOLDERS,
  sslCertificateType: 'Wildcard',
};

export function skillDeployment(env: NodeJS.ProcessEnv = process.env): SkillDeployment {
  const type = env.ALEXA_SSL_CERTIFICATE_TYPE?.trim() || 'Wildcard';
  if (!(SSL_CERTIFICATE_TYPES as readonly string[]).includes(type)) {
    throw new Error(`ALEXA_SSL_CERTIFICATE_TYPE: one of ${SSL_CERTIFICATE_TYPES.join(', ')}`);
  }
  return { urls: deploymentUrls(env), sslCertificateType: type as SslCertificateType };
}
export { MEDICAL_DISCLAIMER } from '../core/contract';
const PRINT_WIDTH = 100;

/** A file of the skill package: its path from the project root (with /) and its text. */
export interface GeneratedFile {
  path: string;
  text: string;
}

export function generateSkillPackage(
  content: ContentBundle,
  deployment: SkillDeployment = PLACEHOLDER_DEPLOYMENT,
): GeneratedFile[] {
  const models = MODEL_LOCALES.map((locale) => ({
    path: `${MODELS_DIR}/${locale}.json`,
    text: formatJson(buildInteractionModel(content, locale)),
  }));
  const manifest = formatJson(buildSkillManifest(content, deployment));
  return [{ path: MANIFEST_FILE, text: manifest }, ...models];
}

function policyLocales(deployment: SkillDeployment): object {
  const policies = {
    privacyPolicyUrl: deployment.urls.privacy,
    termsOfUseUrl: deployment.urls.terms,
  };
  return Object.fromEntries(MODEL_LOCALES.map((locale) => [locale, policies]));
}

function endpointOf(deployment: SkillDeployment): object {
  const uri = deployment.urls.alexaEndpoint;
  return isLambdaArn(uri) ? { uri } : { uri, sslCertificateType: deployment.sslCertificateType };
}

export function buildSkillManifest(
  content: Pick<ContentBundle, 'skill'>,
  deployment: SkillDeployment = PLACEHOLDER_DEPLOYMENT,
): object {
  return {
    manifest: {
      manifestVersion: '1.0',
      publishingInformation: {
        locales: Object.fromEntries(MODEL_LOCALES.map((locale) => [locale, localeInfo(content)])),
        isAvailableWorldwide: true,
        testingInstructions: TESTING_INSTRUCTIONS,
        category: 'HEALTH_AND_FITNESS',
        distributionCountries: [],
      },
      apis: { custom: { endpoint: endpointOf(deployment) } },
      privacyAndCompliance: {
        allowsPurchases: false,
        usesPersonalInfo: false,
        isChildDirected: false,
        isExportCompliant: true,
        containsAds: false,
        locales: policyLocales(deployment),
      },
    },
  };
}

/** The fields a deployment sets, as the placeholders: what the staleness check compares. */
function withPlaceholders(manifestText: string): string | undefined {
  try {
    const parsed = JSON.parse(manifestText) as {
      manifest?: {
        apis?: { custom?: { endpoint?: unknown } };
        privacyAndCompliance?: { locales?: unknown };
      };
    };
    const manifest = parsed.manifest;
    if (manifest?.apis?.custom && manifest.privacyAndCompliance) {
      manifest.apis.custom.endpoint = endpointOf(PLACEHOLDER_DEPLOYMENT);
      manifest.privacyAndCompliance.locales = policyLocales(PLACEHOLDER_DEPLOYMENT);
    }
    return formatJson(parsed);
  } catch {
    return undefined;
  }
}

function localeInfo(content: Pick<ContentBundle, 'skill'>): object {
  const { name, summary, description, keywords } = content.skill.listing;
  return {
    name,
    summary,
    description,
    examplePhrases: content.skill.model.examplePhrases,
    keywords,
    smallIconUri: `file://${ICONS.small.path.slice(SKILL_PACKAGE.length + 1)}`,
    largeIconUri: `file://${ICONS.large.path.slice(SKILL_PACKAGE.length + 1)}`,
  };
}

/** Files that are missing, differ, or are left over in the models folder; paths from `root`. */
export function staleFiles(files: readonly GeneratedFile[], root: string): string[] {
  const differing = files
    .filter((file) => {
      const text = readText(join(root, file.path));
      // A deployment's own endpoint and policy URLs are not staleness.
      const committed = file.path === MANIFEST_FILE && text ? withPlaceholders(text) : text;
      return committed !== file.text && text !== file.text;
    })
    .map((file) => file.path);
  return [...differing, ...leftOverModels(files, root)];
}

function leftOverModels(files: readonly GeneratedFile[], root: string): string[] {
  const dir = join(root, MODELS_DIR);
  if (!existsSync(dir)) return [];
  const wanted = new Set(files.map((file) => file.path));
  return readdirSync(dir)
    .sort()
    .map((name) => `${MODELS_DIR}/${name}`)
    .filter((path) => !wanted.has(path));
}

function readText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function writeSkillPackage(files: readonly GeneratedFile[], root: string): void {
  for (const path of leftOverModels(files, root)) rmSync(join(root, path), { force: true });
  for (const file of files) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/**
 * JSON as Prettier prints it (2 spaces, printWidth 100) with a trailing newline, so the files pass
 * `prettier --check`: objects always open, an array of plain values on one line when it fits.
 */
export function formatJson(value: object): string {
  return `${printJson(value as Json, '', 0, 0)}\n`;
}

/** `column` is where the value starts; `after` the characters that follow it on its line. */
function printJson(value: Json, indent: string, column: number, after: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (isJsonArray(value)) return printArray(value, indent, column, after);
  return printObject(value, indent);
}

function isJsonArray(value: Json): value is readonly Json[] {
  return Array.isArray(value);
}

function printArray(items: readonly Json[], indent: string, column: number, after: number): string {
  if (items.length === 0) return '[]';
  const flat = items.every((item) => item === null || typeof item !== 'object');
  const oneLine = `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
  if (flat && column + oneLine.length + after <= PRINT_WIDTH) return oneLine;
  const inner = `${indent}  `;
  const lines = items.map(
    (item, i) => `${inner}${printJson(item, inner, inner.length, i < items.length - 1 ? 1 : 0)}`,
  );
  return `[\n${lines.join(',\n')}\n${indent}]`;
}

function printObject(object: { readonly [key: string]: Json }, indent: string): string {
  const entries = Object.entries(object);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  const lines = entries.map(([key, item], i) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    return `${head}${printJson(item, inner, head.length, i < entries.length - 1 ? 1 : 0)}`;
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function main(args: readonly string[]): number {
  const deployment = skillDeployment();
  const files = generateSkillPackage(loadContent(), deployment);
  if (args.includes('--check')) {
    const stale = staleFiles(files, PROJECT_ROOT);
    if (stale.length === 0) return 0;
    console.error(
      `The Alexa skill package is out of date; run \`npm run build:model\`:\n${stale
        .map((path) => `  - ${path}`)
        .join('\n')}`,
    );
    return 1;
  }
  writeSkillPackage(files, PROJECT_ROOT);
  console.log(`Wrote ${files.map((file) => file.path).join(', ')}`);
  const left = placeholdersLeft({ ...deployment.urls, website: '' }).filter(
    (v) => v !== 'WEBSITE_URL',
  );
  if (left.length > 0) {
    console.log(
      `Placeholders left in ${MANIFEST_FILE} (set before \`ask deploy\`): ${left.join(', ')}`,
    );
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
