import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DEPLOYMENT_PLACEHOLDERS, deploymentUrls, placeholdersLeft } from './deployment-urls';

/**
 * `npm run package:teams`: validates appPackage/manifest.json and its icons, then writes
 * appPackage/build/neck-massage-coach.zip (manifest.json, color.png, outline.png at its root).
 * `MicrosoftAppId` (or `MICROSOFT_APP_ID`) replaces the placeholder app and bot id; `WEBSITE_URL`,
 * `PRIVACY_URL` and `TERMS_URL` replace the placeholder developer URLs (deployment-urls.ts).
 */

export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';
export const APP_PACKAGE_DIR = resolve(__dirname, '..', '..', 'appPackage');
export const SCHEMA_FILE = join(APP_PACKAGE_DIR, 'schema', 'MicrosoftTeams.schema.json');
export const PACKAGE_FILE = join(APP_PACKAGE_DIR, 'build', 'neck-massage-coach.zip');

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
export const MIN_COMMANDS = 3;
export const MAX_COMMANDS = 6;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

interface BotCommand {
  title: string;
  description: string;
}

interface CommandList {
  scopes: string[];
  commands: BotCommand[];
}

interface Bot {
  botId: string;
  scopes: string[];
  isNotificationOnly?: boolean;
  commandLists?: CommandList[];
}

/** The parts of a schema-valid manifest that the project rules and the packager look at. */
export interface TeamsManifest {
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  icons: { color: string; outline: string };
  bots?: Bot[];
  [key: string]: unknown;
}

export class TeamsPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Teams app package not built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TeamsPackageError';
  }
}

export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TeamsPackageError([`${file}: ${(error as Error).message}`]);
  }
}

// ---------------------------------------------------------------------------------------------
// App id

export function appIdFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const id = (env.MicrosoftAppId ?? env.MICROSOFT_APP_ID ?? '').trim();
  return id === '' ? undefined : id;
}

/** Replaces the placeholder GUID in `id` and every `bots[].botId`; other values are kept. */
export function withAppId(manifest: unknown, appId: string): unknown {
  if (!GUID.test(appId)) {
    throw new TeamsPackageError([`MicrosoftAppId "${appId}" is not a GUID`]);
  }
  const copy = structuredClone(manifest);
  if (!isRecord(copy)) return copy;
  if (copy.id === PLACEHOLDER_APP_ID) copy.id = appId;
  if (Array.isArray(copy.bots)) {
    for (const bot of copy.bots as unknown[]) {
      if (isRecord(bot) && bot.botId === PLACEHOLDER_APP_ID) bot.botId = appId;
    }
  }
  return copy;
}

/** Replaces each developer URL still at its placeholder with the configured one. */
export function withDeveloperUrls(manifest: unknown, env: NodeJS.ProcessEnv): unknown {
  const urls = deploymentUrls(env);
  const copy = structuredClone(manifest);
  if (!isRecord(copy) || !isRecord(copy.developer)) return copy;
  const developer = copy.developer;
  const fields = { websiteUrl: 'website', privacyUrl: 'privacy', termsOfUseUrl: 'terms' } as const;
  for (const [field, key] of Object.entries(fields) as Array<[string, keyof typeof urls]>) {
    if (developer[field] === DEPLOYMENT_PLACEHOLDERS[key]) developer[field] = urls[key];
  }
  return copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Manifest validation

/** Schema problems, then (only for a schema-valid manifest) the project's own rules. */
export function validateManifest(
  manifest: unknown,
  schema: unknown = readJson(SCHEMA_FILE),
): string[] {
  const validate = compileSchema(schema);
  if (!validate(manifest)) return (validate.errors ?? []).map(formatSchemaError);
  return projectRuleProblems(manifest);
}

const compiledSchemas = new WeakMap<object, ValidateFunction<TeamsManifest>>();

function compileSchema(schema: unknown): ValidateFunction<TeamsManifest> {
  if (!isRecord(schema)) throw new TeamsPackageError(['the Teams schema is not a JSON object']);
  const cached = compiledSchemas.get(schema);
  if (cached !== undefined) return cached;
  // The Teams schema says draft-04 but uses draft-06 keywords (`const`) and none that differ in
  // meaning between draft-04 and draft-07, so Ajv compiles it as draft-07. Ajv has no draft-04
  // meta-schema, hence `$schema` is dropped; strictTypes/strictRequired would reject the
  // upstream file's loose (but valid) style.
  const body = { ...schema };
  delete body.$schema;
  const ajv = new Ajv({ allErrors: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  const validate = ajv.compile<TeamsManifest>(body);
  compiledSchemas.set(schema, validate);
  return validate;
}

function formatSchemaError(error: ErrorObject): string {
  const extra: unknown = error.params['additionalProperty'];
  const detail = typeof extra === 'string' ? ` ("${extra}")` : '';
  const allowed: unknown = error.params['allowedValues'];
  const values = Array.isArray(allowed) ? `: ${allowed.map(String).join(', ')}` : '';
  return `manifest${error.instancePath || ' (root)'} ${error.message ?? 'is invalid'}${detail}${values}`;
}

/** Rules of this project that the Teams schema does not state. */
export function projectRuleProblems(manifest: TeamsManifest): string[] {
  return [...httpsUrlProblems(manifest), ...iconPathProblems(manifest), ...botProblems(manifest)];
}

function httpsUrlProblems(manifest: TeamsManifest): string[] {
  const { websiteUrl, privacyUrl, termsOfUseUrl } = manifest.developer;
  return Object.entries({ websiteUrl, privacyUrl, termsOfUseUrl })
    .filter(([, url]) => !url.startsWith('https://'))
    .map(([key]) => `manifest/developer/${key} must be an https:// URL`);
}

function iconPathProblems(manifest: TeamsManifest): string[] {
  // The zip holds exactly three files at its root, so the icons must be plain file names.
  return Object.entries(manifest.icons)
    .filter(([, path]) => !/^[\w.-]+\.png$/.test(path))
    .map(([key, path]) => `manifest/icons/${key} "${path}" must be a .png file name at the root`);
}

function botProblems(manifest: TeamsManifest): string[] {
  const bot = manifest.bots?.[0];
  if (bot === undefined) return ['manifest/bots must have one bot'];
  const problems: string[] = [];
  if (bot.botId !== manifest.id) problems.push('manifest/bots/0/botId must equal manifest/id');
  if (!bot.scopes.includes('personal')) {
    problems.push('manifest/bots/0/scopes must include "personal"');
  }
  if (bot.isNotificationOnly === true) {
    problems.push('manifest/bots/0/isNotificationOnly must be false: the coach is conversational');
  }
  return [...problems, ...commandProblems(bot)];
}

function commandProblems(bot: Bot): string[] {
  const personal = bot.commandLists?.find((list) => list.scopes.includes('personal'));
  const count = personal?.commands.length ?? 0;
  if (count >= MIN_COMMANDS && count <= MAX_COMMANDS) return [];
  return [
    `manifest/bots/0/commandLists: the personal scope must have ${MIN_COMMANDS}–${MAX_COMMANDS} commands, found ${count}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// PNG icons

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Colour types 4 (grey + alpha) and 6 (RGBA) carry an alpha channel. */
export const hasAlphaChannel = (header: PngHeader): boolean =>
  header.colorType === 4 || header.colorType === 6;

/** Reads the IHDR chunk, which PNG requires to come first, right after the signature. */
export function readPngHeader(png: Buffer): PngHeader {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error('not a PNG file');
  }
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG has no IHDR chunk first');
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png.readUInt8(24),
    colorType: png.readUInt8(25),
    interlace: png.readUInt8(28),
  };
}

const CHANNELS: Partial<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Decodes an 8-bit, non-interlaced grey/RGB PNG with or without alpha into RGBA bytes.
 * Palette, 16-bit and interlaced images are refused rather than decoded.
 */
export function decodePngRgba(png: Buffer): { header: PngHeader; rgba: Uint8Array } {
  const header = readPngHeader(png);
  const channels = CHANNELS[header.colorType];
  if (channels === undefined || header.bitDepth !== 8 || header.interlace !== 0) {
    throw new Error('only 8-bit, non-interlaced grey/RGB(A) PNGs can be checked');
  }
  const raw = unfilter(inflateSync(idatData(png)), header.width, header.height, channels);
  return { header, rgba: toRgba(raw, channels) };
}

function idatData(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 8; offset + 8 <= png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') parts.push(png.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += length + 12;
  }
  return Buffer.concat(parts);
}

/** Reverses PNG's per-row filters (None, Sub, Up, Average, Paeth). */
function unfilter(data: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  if (data.length < height * (stride + 1)) throw new Error('PNG image data is truncated');
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const i = y * stride + x;
      const left = x >= bpp ? (out[i - bpp] ?? 0) : 0;
      const up = y > 0 ? (out[i - stride] ?? 0) : 0;
      const upLeft = x >= bpp && y > 0 ? (out[i - stride - bpp] ?? 0) : 0;
      const value = data[y * (stride + 1) + 1 + x] ?? 0;
      out[i] = (value + predictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4:
      return paeth(left, up, upLeft);
    default:
      throw new Error(`unknown PNG filter type ${filter}`);
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

function toRgba(raw: Uint8Array, channels: number): Uint8Array {
  const pixels = raw.length / channels;
  const rgba = new Uint8Array(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    const px = raw.subarray(p * channels, (p + 1) * channels);
    const grey = channels <= 2;
    rgba[p * 4] = px[0] ?? 0;
    rgba[p * 4 + 1] = (grey ? px[0] : px[1]) ?? 0;
    rgba[p * 4 + 2] = (grey ? px[0] : px[2]) ?? 0;
    rgba[p * 4 + 3] = channels === 2 || channels === 4 ? (px[channels - 1] ?? 0) : 255;
  }
  return rgba;
}

/** 192×192 colour icon. */
export function colorIconProblems(name: string, png: Buffer): string[] {
  return withPngErrors(name, () => sizeProblems(name, readPngHeader(png), COLOR_ICON_SIZE));
}

/** 32×32 outline icon: alpha channel, a transparent background and white-only visible pixels. */
export function outlineIconProblems(name: string, png: Buffer): string[] {
  return withPngErrors(name, () => {
    const header = readPngHeader(png);
    const size = sizeProblems(name, header, OUTLINE_ICON_SIZE);
    if (size.length > 0) return size;
    if (!hasAlphaChannel(header)) {
      return [
        `${name} must have an alpha channel (PNG colour type 4 or 6), not ${header.colorType}`,
      ];
    }
    return outlinePixelProblems(name, decodePngRgba(png).rgba);
  });
}

function outlinePixelProblems(name: string, rgba: Uint8Array): string[] {
  let transparent = 0;
  let nonWhite = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] === 0) transparent++;
    else if (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255) nonWhite++;
  }
  const problems: string[] = [];
  if (transparent === 0) problems.push(`${name} must have a transparent background`);
  if (nonWhite > 0) {
    problems.push(`${name} has ${nonWhite} visible pixel(s) that are not white`);
  }
  return problems;
}

function sizeProblems(name: string, header: PngHeader, size: number): string[] {
  if (header.width === size && header.height === size) return [];
  return [`${name} must be ${size}×${size} pixels, not ${header.width}×${header.height}`];
}

function withPngErrors(name: string, check: () => string[]): string[] {
  try {
    return check();
  } catch (error) {
    return [`${name}: ${(error as Error).message}`];
  }
}

// ---------------------------------------------------------------------------------------------
// Packaging

export interface PackageOptions {
  appDir?: string;
  outFile?: string;
  schemaFile?: string;
  env?: NodeJS.ProcessEnv;
}

/** Validates everything, then writes the zip; throws a TeamsPackageError listing every problem. */
export function buildTeamsPackage(options: PackageOptions = {}): {
  outFile: string;
  manifest: TeamsManifest;
} {
  const appDir = options.appDir ?? APP_PACKAGE_DIR;
  const outFile = options.outFile ?? PACKAGE_FILE;
  const manifest = preparedManifest(appDir, options);
  const icons = readIcons(appDir, manifest);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  zip.addFile('color.png', icons.color);
  zip.addFile('outline.png', icons.outline);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip.toBuffer());
  return { outFile, manifest };
}

function preparedManifest(appDir: string, options: PackageOptions): TeamsManifest {
  const raw = readJson(join(appDir, 'manifest.json'));
  const env = options.env ?? process.env;
  const appId = appIdFromEnv(env);
  let urlled: unknown;
  try {
    urlled = withDeveloperUrls(raw, env);
  } catch (error) {
    throw new TeamsPackageError((error as Error).message.split('\n'));
  }
  const manifest = appId === undefined ? urlled : withAppId(urlled, appId);
  const problems = validateManifest(manifest, readJson(options.schemaFile ?? SCHEMA_FILE));
  if (problems.length > 0) throw new TeamsPackageError(problems);
  return manifest as TeamsManifest;
}

function readIcons(appDir: string, manifest: TeamsManifest): { color: Buffer; outline: Buffer } {
  const { color: colorName, outline: outlineName } = manifest.icons;
  const color = readIcon(appDir, colorName);
  const outline = readIcon(appDir, outlineName);
  const missing = (name: string) => [`${name} is missing from ${appDir}`];
  const problems = [
    ...(color ? colorIconProblems(colorName, color) : missing(colorName)),
    ...(outline ? outlineIconProblems(outlineName, outline) : missing(outlineName)),
  ];
  if (problems.length > 0 || !color || !outline) throw new TeamsPackageError(problems);
  return { color, outline };
}

function readIcon(appDir: string, name: string): Buffer | undefined {
  try {
    return readFileSync(join(appDir, name));
  } catch {
    return undefined;
  }
}

function main(): void {
  try {
    const { outFile, manifest } = buildTeamsPackage();
    const note = manifest.id === PLACEHOLDER_APP_ID ? ' (placeholder id: set MicrosoftAppId)' : '';
    console.log(`Wrote ${outFile} for app id ${manifest.id}${note}`);
    const left = placeholdersLeft(deploymentUrls()).filter((v) => v !== 'ALEXA_ENDPOINT_URL');
    if (left.length > 0) console.log(`Placeholder developer URLs left: set ${left.join(', ')}`);
  } catch (error) {
    console.error(error instanceof TeamsPackageError ? error.message : error);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
