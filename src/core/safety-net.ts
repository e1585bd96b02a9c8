import { StringTable } from './string-table';
import { SoftmaxClassifier, type Example, type TrainOptions } from './classifier';
import { softmaxInPlace } from './softmax';

/**
 * The safety router's recall-first second net: a multinomial logistic regression over word
 * unigrams and bigrams and character 3- to 5-grams inside words, that reads a message and says
 * which safety family it most resembles, or none. The phrase lexicon and the concepts stay the
 * high-precision layer; this net only adds a hit when they found none (see SafetyRouter).
 *
 * Written small on the project's own softmax classifier (src/core/classifier.ts) rather than taken
 * from npm: the text classifiers there (natural's BayesClassifier and LogisticRegressionClassifier,
 * for one) tokenize and stem in their own way, which would read words differently from the rest of
 * the core, and save their models as JSON, which would slow the cold start; ours trains in about a
 * second at build time and its weights go verbatim into the NLU artifact (nlu-artifact.ts).
 *
 * Features are counted in a vocabulary kept from training (features seen at least twice), each
 * with the value 1/√n so a long text does not score higher for being long. The net reads the whole
 * message at once: reading a long one in windows as well found a few more warning signs on the dev
 * set but turned as many ordinary stories into alarms (`eval --net-sweep` shows the trade).
 */
export const NONE = 'none';

export interface SafetyNetModel {
  /** Feature strings, their index the weight row. */
  features: StringTable;
  /** `none` first, then the safety families. */
  classIds: string[];
  weights: Float64Array;
  bias: Float64Array;
}

export interface NetExample {
  tokens: readonly string[];
  label: string;
}

export interface NetReading {
  /** The family the message most resembles (never `none`). */
  id: string;
  /** How much the net believes the message is a warning sign of any family: 1 − P(none). */
  score: number;
}

export const NET_TRAINING: TrainOptions = { epochs: 24, learningRate: 0.5, l2: 1e-6 };
const MIN_FEATURE_COUNT = 2;

/** The net's features of a text: words, word pairs and the character 3–5-grams of each word. */
export function netFeatures(tokens: readonly string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!;
    out.add(`w ${w}`);
    if (i + 1 < tokens.length) out.add(`b ${w} ${tokens[i + 1]!}`);
    const padded = `<${w}>`;
    for (let n = 3; n <= 5; n++) {
      for (let k = 0; k + n <= padded.length; k++) out.add(`c ${padded.slice(k, k + n)}`);
    }
  }
  return [...out];
}

export class SafetyNet {
  private readonly weights: Float64Array;
  private readonly bias: Float64Array;

  /**
   * Each word's feature ids (its `w` feature, then its character n-grams), and the ids of the word
   * pairs it opened, kept between reads.
   */
  private readonly wordIds = new Map<string, OwnIds>();
  /** Marks the ids already counted in the current read (`seen[id] === reads`). */
  private readonly seen: Uint32Array;
  private reads = 0;

  private constructor(readonly model: SafetyNetModel) {
    this.seen = new Uint32Array(model.features.size);
    // Checks the parameters fit the model's classes and features.
    const { parameters } = new SoftmaxClassifier(model.classIds.length, model.features.size, {
      weights: model.weights,
      bias: model.bias,
    });
    this.weights = parameters.weights;
    this.bias = parameters.bias;
  }

  /** A net trained earlier (the build artifact). */
  static fromModel(model: SafetyNetModel): SafetyNet {
    return new SafetyNet(model);
  }

  /** Trains on `examples`; `families` are the safety ids it may answer (in a fixed order). */
  static train(
    examples: readonly NetExample[],
    families: readonly string[],
    options: TrainOptions = NET_TRAINING,
  ): SafetyNet {
    const classIds = [NONE, ...families];
    const classOf = new Map(classIds.map((id, i) => [id, i]));
    const featureSets = examples.map((e) => netFeatures(e.tokens));
    const counts = new Map<string, number>();
    for (const fs of featureSets) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
    const features = [...counts]
      .filter(([, n]) => n >= MIN_FEATURE_COUNT)
      .map(([f]) => f)
      .sort();
    const index = new Map(features.map((f, i) => [f, i]));
    const train: Example[] = [];
    examples.forEach((e, i) => {
      const label = classOf.get(e.label);
      if (label === undefined) throw new Error(`safety net: unknown class ${e.label}`);
      const ids = idsOf(featureSets[i]!, index);
      if (ids.length > 0) train.push({ features: ids, value: 1 / Math.sqrt(ids.length), label });
    });
    // Plain SGD in a fixed order learns most from what it saw last: families and negatives are
    // interleaved by a seeded shuffle, so the same content always gives the same net.
    const classifier = new SoftmaxClassifier(
      classIds.length,
      features.length,
      shuffled(train),
      options,
    );
    return new SafetyNet({
      features: StringTable.build(features),
      classIds,
      ...classifier.parameters,
    });
  }

  /** The net's reading of one text. */
  read(tokens: readonly string[]): NetReading | undefined {
    if (tokens.length === 0) return undefined;
    const p = softmaxInPlace(this.scores(tokens));
    let top = 1;
    for (let c = 2; c < p.length; c++) if (p[c]! > p[top]!) top = c;
    return { id: this.model.classIds[top]!, score: 1 - p[0]! };
  }

  /**
   * The classifier's scores over `idsOf(netFeatures(tokens))`, each feature of value 1/√n, without
   * building a feature string or reading every weight row per read: a word's own features (its `w`
   * feature and character n-grams) are looked up once and kept with the sum of their weight rows;
   * a read adds that sum per word and takes back the rows of features an earlier word already
   * counted. Only word pairs are looked up per read. Long messages made the net the costliest
   * part of a turn; a long message's words share few n-grams, so this reads about a third of the
   * rows.
   */
  private scores(tokens: readonly string[]): Float64Array {
    if (++this.reads === 0xffffffff) {
      this.seen.fill(0);
      for (const own of this.wordIds.values()) own.lastRead = 0;
      this.reads = 1;
    }
    const { seen, reads, weights } = this;
    const classes = this.bias.length;
    const sum = new Float64Array(classes);
    let count = 0;
    for (let i = 0; i < tokens.length; i++) {
      const w = tokens[i]!;
      const own = this.ownIds(w);
      if (own.lastRead !== reads) {
        own.lastRead = reads;
        const { ids, rows } = own;
        for (let c = 0; c < classes; c++) sum[c]! += rows[c]!;
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k]!;
          if (seen[id] === reads) {
            const row = id * classes;
            for (let c = 0; c < classes; c++) sum[c]! -= weights[row + c]!;
          } else {
            seen[id] = reads;
            count++;
          }
        }
      }
      if (i + 1 < tokens.length) {
        const id = this.pairId(own, w, tokens[i + 1]!);
        if (id >= 0 && seen[id] !== reads) {
          seen[id] = reads;
          count++;
          const row = id * classes;
          for (let c = 0; c < classes; c++) sum[c]! += weights[row + c]!;
        }
      }
    }
    const x = count > 0 ? 1 / Math.sqrt(count) : 0;
    for (let c = 0; c < classes; c++) sum[c] = this.bias[c]! + sum[c]! * x;
    return sum;
  }

  /** The id of the pair `word next` (-1 when the net never kept it), looked up once per pair. */
  private pairId(own: OwnIds, word: string, next: string): number {
    let id = own.pairs.get(next);
    if (id === undefined) {
      id = this.model.features.indexOf(`b ${word} ${next}`);
      if (own.pairs.size >= PAIR_CACHE_LIMIT) own.pairs.clear();
      own.pairs.set(next, id);
    }
    return id;
  }

  private ownIds(word: string): OwnIds {
    const known = this.wordIds.get(word);
    if (known) return known;
    const ids = new Set<number>();
    const wordId = this.model.features.indexOf(`w ${word}`);
    if (wordId >= 0) ids.add(wordId);
    const padded = `<${word}>`;
    for (let n = 3; n <= 5; n++) {
      for (let k = 0; k + n <= padded.length; k++) {
        const id = this.model.features.indexOf(`c ${padded.slice(k, k + n)}`);
        if (id >= 0) ids.add(id);
      }
    }
    const classes = this.bias.length;
    const rows = new Float64Array(classes);
    for (const id of ids)
      for (let c = 0; c < classes; c++) rows[c]! += this.weights[id * classes + c]!;
    const own: OwnIds = { ids: Int32Array.from(ids), rows, pairs: new Map(), lastRead: 0 };
    if (this.wordIds.size >= WORD_CACHE_LIMIT) this.wordIds.clear();
    this.wordIds.set(word, own);
    return own;
  }
}

interface OwnIds {
  /** The word's own feature ids, each once: its `w` feature and its character n-grams. */
  ids: Int32Array;
  /** The sum of their weight rows. */
  rows: Float64Array;
  /** The read that last counted this word (its features are all seen again in that read). */
  lastRead: number;
  /** The next word -> the pair's feature id, or -1. */
  pairs: Map<string, number>;
}

/** Word-level features kept at most; past it the table starts again (only time is lost). */
const WORD_CACHE_LIMIT = 20_000;
/** Pairs kept per first word. */
const PAIR_CACHE_LIMIT = 256;

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 0x9e3779b9;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function idsOf(features: readonly string[], index: ReadonlyMap<string, number>): number[] {
  const ids: number[] = [];
  for (const f of features) {
    const id = index.get(f);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}
