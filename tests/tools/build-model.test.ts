import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent, PROJECT_ROOT } from '../../src/content/load';
import {
  generateSkillPackage,
  ICONS,
  MANIFEST_FILE,
  MODEL_LOCALES,
  skillDeployment,
  staleFiles,
  TESTING_INSTRUCTIONS,
  writeSkillPackage,
} from '../../src/tools/build-model';
import { DEPLOYMENT_PLACEHOLDERS, deploymentUrls } from '../../src/tools/deployment-urls';
import { readPngHeader } from '../../src/tools/package-teams';

const content = loadContent();

interface Manifest {
  manifest: {
    publishingInformation: {
      testingInstructions: string;
      locales: Record<string, { smallIconUri: string; largeIconUri: string }>;
    };
    apis: { custom: { endpoint: { uri: string; sslCertificateType?: string } } };
    privacyAndCompliance: {
      locales: Record<string, { privacyPolicyUrl: string; termsOfUseUrl: string }>;
    };
  };
}

const manifestOf = (files: ReturnType<typeof generateSkillPackage>): Manifest =>
  JSON.parse(files.find((f) => f.path === MANIFEST_FILE)?.text ?? '{}') as Manifest;

describe('the committed skill package', () => {
  const committed = JSON.parse(readFileSync(join(PROJECT_ROOT, MANIFEST_FILE), 'utf8')) as Manifest;

  it('carries the placeholders, testing instructions and policy URLs in every locale', () => {
    const { manifest } = committed;
    expect(manifest.apis.custom.endpoint).toEqual({
      uri: DEPLOYMENT_PLACEHOLDERS.alexaEndpoint,
      sslCertificateType: 'Wildcard',
    });
    expect(manifest.publishingInformation.testingInstructions).toBe(TESTING_INSTRUCTIONS);
    expect(Object.keys(manifest.privacyAndCompliance.locales).sort()).toEqual(
      [...MODEL_LOCALES].sort(),
    );
    for (const policies of Object.values(manifest.privacyAndCompliance.locales)) {
      expect(policies).toEqual({
        privacyPolicyUrl: DEPLOYMENT_PLACEHOLDERS.privacy,
        termsOfUseUrl: DEPLOYMENT_PLACEHOLDERS.terms,
      });
    }
  });

  it('names icons of 108 and 512 pixels that exist in the package', () => {
    for (const locale of Object.values(committed.manifest.publishingInformation.locales)) {
      expect(locale.smallIconUri).toBe('file://assets/images/small-icon.png');
      expect(locale.largeIconUri).toBe('file://assets/images/large-icon.png');
    }
    for (const icon of Object.values(ICONS)) {
      const header = readPngHeader(readFileSync(join(PROJECT_ROOT, icon.path)));
      expect([header.width, header.height]).toEqual([icon.size, icon.size]);
    }
  });

  it('is deployable with `ask deploy` from the project root (ask-resources.json)', () => {
    const resources = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'ask-resources.json'), 'utf8'),
    ) as { askcliResourcesVersion: string; profiles: { default: { skillMetadata: object } } };
    expect(resources.askcliResourcesVersion).toBe('2020-03-31');
    expect(resources.profiles.default.skillMetadata).toEqual({ src: './skill-package' });
  });
});

describe('a deployment of the skill package', () => {
  it('takes the endpoint, certificate type and policy URLs from the environment', () => {
    const https = manifestOf(
      generateSkillPackage(
        content,
        skillDeployment({
          ALEXA_ENDPOINT_URL: 'https://coach.example.org/api/alexa',
          ALEXA_SSL_CERTIFICATE_TYPE: 'Trusted',
          PRIVACY_URL: 'https://coach.example.org/privacy',
          TERMS_URL: 'https://coach.example.org/terms',
        }),
      ),
    ).manifest;
    expect(https.apis.custom.endpoint).toEqual({
      uri: 'https://coach.example.org/api/alexa',
      sslCertificateType: 'Trusted',
    });
    expect(https.privacyAndCompliance.locales['en-GB']).toEqual({
      privacyPolicyUrl: 'https://coach.example.org/privacy',
      termsOfUseUrl: 'https://coach.example.org/terms',
    });
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:neck-massage-coach';
    const lambda = manifestOf(
      generateSkillPackage(content, skillDeployment({ ALEXA_ENDPOINT_URL: arn })),
    );
    expect(lambda.manifest.apis.custom.endpoint).toEqual({ uri: arn });
  });

  it('refuses URLs that are not https and endpoints that are neither URL nor Lambda ARN', () => {
    expect(() =>
      deploymentUrls({ ALEXA_ENDPOINT_URL: 'http://coach.example.org', TERMS_URL: 'terms' }),
    ).toThrow(
      /ALEXA_ENDPOINT_URL: must be an https:\/\/ URL or a Lambda function ARN[\s\S]*TERMS_URL/,
    );
    expect(() => deploymentUrls({ PRIVACY_URL: 'arn:aws:lambda:eu-west-1:1:function:x' })).toThrow(
      /PRIVACY_URL/,
    );
    expect(() => skillDeployment({ ALEXA_SSL_CERTIFICATE_TYPE: 'Cheap' })).toThrow(/Wildcard/);
  });

  it('is not stale for its own URLs, but is for any other change', () => {
    const root = mkdtempSync(join(tmpdir(), 'skill-package-'));
    try {
      const placeholders = generateSkillPackage(content);
      writeSkillPackage(
        generateSkillPackage(
          content,
          skillDeployment({
            ALEXA_ENDPOINT_URL: 'arn:aws:lambda:us-east-1:123456789012:function:coach',
            PRIVACY_URL: 'https://coach.example.org/privacy',
          }),
        ),
        root,
      );
      expect(staleFiles(placeholders, root)).toEqual([]);
      const file = join(root, MANIFEST_FILE);
      writeFileSync(file, readFileSync(file, 'utf8').replace('HEALTH_AND_FITNESS', 'GAMES'));
      expect(staleFiles(placeholders, root)).toEqual([MANIFEST_FILE]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
