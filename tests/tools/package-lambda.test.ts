import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { alexaSession, spokenText } from '../../src/tools/alexa-requests';
import { spawnLambda } from '../../src/tools/lambda-process';
import { buildLambdaPackage } from '../../src/tools/package-lambda';

/**
 * The zip `npm run package:lambda` builds (from dist/, so after the build), unpacked into an empty
 * folder and run there: nothing it needs may be missing, nothing of the development tree in it.
 */
let dir: string;
let entries: string[];
let built: ReturnType<typeof buildLambdaPackage>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lambda-zip-'));
  built = buildLambdaPackage(undefined, join(dir, 'function.zip'));
  const zip = new AdmZip(built.file);
  entries = zip.getEntries().map((e) => e.entryName);
  zip.extractAllTo(join(dir, 'unpacked'));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Lambda package', () => {
  it('holds the handler, the NLU artifact, the content and the production dependencies', () => {
    for (const path of [
      'package.json',
      'dist/lambda.js',
      'dist/nlu-model.bin',
      'content/prompts.yaml',
      'node_modules/ask-sdk-core/package.json',
      'node_modules/@aws-sdk/client-dynamodb/package.json',
      'node_modules/ioredis/package.json',
    ]) {
      expect(entries).toContain(path);
    }
    expect(built.files).toBe(entries.length);
    expect(built.zipBytes).toBeLessThan(50 * 1024 * 1024);
  });

  it('leaves out devDependencies, the server-only dependencies, the tools, sources, maps and type declarations', () => {
    const devOnly = ['jest', 'typescript', 'dynalite', 'adm-zip', 'eslint', 'virtual-alexa'];
    const serverOnly = ['botbuilder', 'restify', 'prom-client', '@azure/msal-node'];
    for (const name of [...devOnly, ...serverOnly]) {
      expect(entries.filter((e) => e.startsWith(`node_modules/${name}/`))).toEqual([]);
    }
    expect(entries.filter((e) => /^(src|tests|dist\/tools)\//.test(e))).toEqual([]);
    expect(entries.filter((e) => /\.(map|d\.ts)$/.test(e))).toEqual([]);
  });

  it('answers from the unpacked folder alone, with the artifact it ships (NLU_MODEL=required)', async () => {
    const child = spawnLambda(
      { NLU_MODEL: 'required', ALEXA_SKILL_ID: 'amzn1.ask.skill.zip' },
      join(dir, 'unpacked', 'dist', 'lambda.js'),
    );
    try {
      const session = alexaSession('amzn1.ask.skill.zip', 'amzn1.echo-api.session.zip', 'u');
      const answer = await child.invoke(session.launch());
      expect(answer.error).toBeUndefined();
      expect(spokenText(answer.response)).toMatch(/Neck Massage Coach.*not medical advice/);
    } finally {
      expect(await child.close()).toBe(0);
    }
  }, 120_000);
});
