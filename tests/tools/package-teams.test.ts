import { DEPLOYMENT_PLACEHOLDERS } from '../../src/tools/deployment-urls';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import {
  APP_PACKAGE_DIR,
  PLACEHOLDER_APP_ID,
  SCHEMA_FILE,
  TeamsPackageError,
  appIdFromEnv,
  buildTeamsPackage,
  colorIconProblems,
  decodePngRgba,
  hasAlphaChannel,
  outlineIconProblems,
  readJson,
  readPngHeader,
  validateManifest,
  withAppId,
} from '../../src/tools/package-teams';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const schema = readJson(SCHEMA_FILE);
const manifestFile = join(APP_PACKAGE_DIR, 'manifest.json');
const colorPng = readFileSync(join(APP_PACKAGE_DIR, 'color.png'));
const outlinePng = readFileSync(join(APP_PACKAGE_DIR, 'outline.png'));

interface EditableManifest {
  id: string;
  developer: Record<string, string>;
  bots: {
    botId?: string;
    commandLists: { commands: { title: string; description: string }[] }[];
  }[];
  [key: string]: unknown;
}

/** CRC-32 as PNG chunks use it. */
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit PNG (colour type 2 or 6) of one colour, with `pixel(x, y)` overriding some pixels. */
function makePng(
  size: number,
  colorType: 2 | 6,
  fill: number[],
  pixel: (x: number, y: number) => number[] | undefined = () => undefined,
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(colorType, 9);
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++) rows.push(...(pixel(x, y) ?? fill));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A fresh, mutable copy of the committed manifest. */
const manifest = (): EditableManifest => readJson(manifestFile) as EditableManifest;

const firstCommandList = (m: EditableManifest) => {
  const list = m.bots[0]?.commandLists[0];
  if (list === undefined) throw new Error('the manifest has no command list');
  return list;
};

describe('Teams manifest', () => {
  it('validates against the committed Teams schema and the project rules', () => {
    expect(validateManifest(manifest(), schema)).toEqual([]);
  });

  it('uses a current manifest version whose schema is the committed one', () => {
    const m = manifest();
    expect(Number(m.manifestVersion)).toBeGreaterThanOrEqual(1.17);
    expect(m.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${String(m.manifestVersion)}/MicrosoftTeams.schema.json`,
    );
    expect(JSON.stringify(schema)).toContain(`"const":"${String(m.manifestVersion)}"`);
  });

  it('uses the placeholder id for both the app and the bot', () => {
    const m = manifest();
    expect(m.id).toBe(PLACEHOLDER_APP_ID);
    expect(m.bots[0]?.botId).toBe(PLACEHOLDER_APP_ID);
  });

  it('says it is general information, not medical advice', () => {
    const description = manifest().description as { full: string };
    expect(description.full).toMatch(/general information/i);
    expect(description.full).toMatch(/not medical advice/i);
  });

  it('rejects a bot without a botId, naming the property', () => {
    const m = manifest();
    delete m.bots[0]?.botId;
    expect(validateManifest(m, schema)).toEqual([
      "manifest/bots/0 must have required property 'botId'",
    ]);
  });

  it('rejects seven starter commands', () => {
    const m = manifest();
    const list = firstCommandList(m);
    while (list.commands.length < 7) list.commands.push({ title: 'Extra', description: 'Extra' });
    expect(validateManifest(m, schema)).toEqual([
      'manifest/bots/0/commandLists: the personal scope must have 3–6 commands, found 7',
    ]);
  });

  it('rejects two starter commands', () => {
    const m = manifest();
    firstCommandList(m).commands.splice(2);
    expect(validateManifest(m, schema).join('\n')).toMatch(/3–6 commands, found 2/);
  });

  it('rejects an unknown property, an http URL and a bad id', () => {
    const unknown = { ...manifest(), botName: 'x' };
    expect(validateManifest(unknown, schema)).toContain(
      'manifest (root) must NOT have additional properties ("botName")',
    );
    const http = manifest();
    http.developer.privacyUrl = 'http://example.com/privacy';
    expect(validateManifest(http, schema)).toEqual([
      'manifest/developer/privacyUrl must be an https:// URL',
    ]);
    const badId = { ...manifest(), id: 'not-a-guid' };
    expect(validateManifest(badId, schema).join('\n')).toMatch(/^manifest\/id must match pattern/);
  });

  it('requires the bot id to equal the app id', () => {
    const m = manifest();
    m.id = APP_ID;
    expect(validateManifest(m, schema)).toEqual(['manifest/bots/0/botId must equal manifest/id']);
  });
});

describe('app id from the environment', () => {
  it('prefers MicrosoftAppId, falls back to MICROSOFT_APP_ID and ignores blanks', () => {
    expect(appIdFromEnv({ MicrosoftAppId: APP_ID, MICROSOFT_APP_ID: 'other' })).toBe(APP_ID);
    expect(appIdFromEnv({ MICROSOFT_APP_ID: ` ${APP_ID} ` })).toBe(APP_ID);
    expect(appIdFromEnv({ MicrosoftAppId: '  ' })).toBeUndefined();
    expect(appIdFromEnv({})).toBeUndefined();
  });

  it('replaces only the placeholder, in the app id and the bot id', () => {
    const replaced = withAppId(manifest(), APP_ID) as EditableManifest;
    expect(replaced.id).toBe(APP_ID);
    expect(replaced.bots[0]?.botId).toBe(APP_ID);
    const fixed = { ...manifest(), id: '11111111-1111-1111-1111-111111111111' };
    expect((withAppId(fixed, APP_ID) as EditableManifest).id).toBe(fixed.id);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => withAppId(manifest(), 'my-bot')).toThrow(/MicrosoftAppId "my-bot" is not a GUID/);
  });
});

describe('Teams icons', () => {
  it('has a 192×192 colour icon', () => {
    expect(readPngHeader(colorPng)).toMatchObject({ width: 192, height: 192 });
    expect(colorIconProblems('color.png', colorPng)).toEqual([]);
  });

  it('has a 32×32 outline icon with an alpha channel', () => {
    const header = readPngHeader(outlinePng);
    expect(header).toMatchObject({ width: 32, height: 32 });
    expect(hasAlphaChannel(header)).toBe(true);
  });

  it('has an outline icon with a transparent background and only white visible pixels', () => {
    const { rgba } = decodePngRgba(outlinePng);
    const alphaAt = (x: number, y: number) => rgba[(y * 32 + x) * 4 + 3];
    for (const [x, y] of [
      [0, 0],
      [31, 0],
      [0, 31],
      [31, 31],
    ] as const) {
      expect(alphaAt(x, y)).toBe(0);
    }
    expect(outlineIconProblems('outline.png', outlinePng)).toEqual([]);
  });

  it('reports a wrong size and a file that is not a PNG', () => {
    expect(colorIconProblems('outline.png', outlinePng)).toEqual([
      'outline.png must be 192×192 pixels, not 32×32',
    ]);
    expect(outlineIconProblems('color.png', colorPng)).toEqual([
      'color.png must be 32×32 pixels, not 192×192',
    ]);
    expect(outlineIconProblems('x.png', Buffer.from('not a png'))).toEqual([
      'x.png: not a PNG file',
    ]);
  });

  it('reports an outline without alpha, without a transparent background or with colour', () => {
    const white = [255, 255, 255, 255];
    const clear = [0, 0, 0, 0];
    expect(outlineIconProblems('rgb.png', makePng(32, 2, [255, 255, 255]))).toEqual([
      'rgb.png must have an alpha channel (PNG colour type 4 or 6), not 2',
    ]);
    expect(outlineIconProblems('solid.png', makePng(32, 6, white))).toEqual([
      'solid.png must have a transparent background',
    ]);
    const red = makePng(32, 6, clear, (x, y) =>
      x === 5 && y === 7 ? [255, 0, 0, 128] : undefined,
    );
    expect(outlineIconProblems('red.png', red)).toEqual([
      'red.png has 1 visible pixel(s) that are not white',
    ]);
  });

  it('decodes the colour icon as opaque', () => {
    const { header, rgba } = decodePngRgba(colorPng);
    expect(hasAlphaChannel(header)).toBe(false);
    expect(rgba.filter((_, i) => i % 4 === 3 && rgba[i] !== 255)).toHaveLength(0);
    const rgbAt = (x: number, y: number) => [
      ...rgba.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 3),
    ];
    expect(rgbAt(0, 0)).toEqual([0x0e, 0x7c, 0x86]);
    expect(rgbAt(10, 100)).toEqual([0x0e, 0x7c, 0x86]);
    expect(rgbAt(96, 191)).toEqual([255, 255, 255]);
  });
});

describe('Teams app package', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'teams-package-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const entriesOf = (file: string) => new AdmZip(file).getEntries();

  it('zips exactly manifest.json, color.png and outline.png at the root, with the app id', () => {
    const outFile = join(dir, 'app.zip');
    buildTeamsPackage({ outFile, env: { MicrosoftAppId: APP_ID } });
    const entries = entriesOf(outFile);
    expect(entries.map((e) => e.entryName).sort()).toEqual([
      'color.png',
      'manifest.json',
      'outline.png',
    ]);
    const zipped = JSON.parse(
      entries
        .find((e) => e.entryName === 'manifest.json')
        ?.getData()
        .toString('utf8') ?? '{}',
    ) as EditableManifest;
    expect(zipped.id).toBe(APP_ID);
    expect(zipped.bots[0]?.botId).toBe(APP_ID);
    expect(
      entries
        .find((e) => e.entryName === 'color.png')
        ?.getData()
        .equals(colorPng),
    ).toBe(true);
  });

  it('keeps the placeholder when no app id is set', () => {
    const outFile = join(dir, 'app.zip');
    const { manifest: built } = buildTeamsPackage({ outFile, env: {} });
    expect(built.id).toBe(PLACEHOLDER_APP_ID);
  });

  it('refuses to build from an invalid app id, listing the problem', () => {
    const outFile = join(dir, 'app.zip');
    const build = () => buildTeamsPackage({ outFile, env: { MicrosoftAppId: 'nope' } });
    expect(build).toThrow(TeamsPackageError);
    expect(build).toThrow(/MicrosoftAppId "nope" is not a GUID/);
  });

  it('puts the developer URLs from the environment in place of the placeholders', () => {
    const outFile = join(dir, 'app.zip');
    const committed = buildTeamsPackage({ outFile, env: {} }).manifest.developer;
    expect(committed).toMatchObject({
      websiteUrl: DEPLOYMENT_PLACEHOLDERS.website,
      privacyUrl: DEPLOYMENT_PLACEHOLDERS.privacy,
      termsOfUseUrl: DEPLOYMENT_PLACEHOLDERS.terms,
    });
    const env = {
      WEBSITE_URL: 'https://coach.example.org/',
      PRIVACY_URL: 'https://coach.example.org/privacy',
      TERMS_URL: 'https://coach.example.org/terms',
    };
    const zipped = JSON.parse(
      entriesOf(buildTeamsPackage({ outFile, env }).outFile)
        .find((e) => e.entryName === 'manifest.json')
        ?.getData()
        .toString('utf8') ?? '{}',
    ) as EditableManifest;
    expect(zipped.developer).toMatchObject({
      websiteUrl: env.WEBSITE_URL,
      privacyUrl: env.PRIVACY_URL,
      termsOfUseUrl: env.TERMS_URL,
    });
    const build = () => buildTeamsPackage({ outFile, env: { PRIVACY_URL: 'http://x.org/p' } });
    expect(build).toThrow(TeamsPackageError);
    expect(build).toThrow(/PRIVACY_URL: must be an https:\/\/ URL/);
  });
});
