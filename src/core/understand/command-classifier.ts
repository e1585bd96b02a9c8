import type { Intent } from '../../content/schema';
import type { CommandKind } from '../intent-phrases';
import type { Language } from '../language';
import type { WordMatcher } from '../word-match';

/** A step number in a sample ({n}) and in what was said ("three", "third", "5"). */
export const NUMBER_SLOT = '{n}';

/** The least share of the utterance's weight a sample must cover to count as its reading. */
const MIN_COVERAGE = 0.5;
const TYPO_MEMO_LIMIT = 20_000;

export interface ScoredCommand {
  kind: CommandKind;
  id: string;
  /** 0..1: how much of the utterance and of the nearest sample the shared words cover. */
  score: number;
  /** The best score of any other command: how close the second reading is. */
  runnerUp: number;
}

interface Sample {
  words: string[];
  kind: CommandKind;
  id: string;
  weight: number;
}

/**
 * Commands by meaning rather than exact phrase: the nearest intent sample by shared words, each
 * word weighted by how few intents use it ("pause", "again", "top" say a lot; "i", "it", "the"
 * little), with typos forgiven against the samples' words. Nearest-neighbour over a few hundred
 * short samples is exact enough and explains itself (the sample it matched), which a trained
 * model would not; no library does this over our own samples, hence by hand.
 */
export class CommandClassifier {
  private readonly samples: Sample[] = [];
  /** For each word, the samples (their index in `samples`) that use it, in sample order. */
  private readonly byWord = new Map<string, number[]>();
  private readonly overlap: Float64Array;
  private readonly touched: Int32Array;
  private readonly idf = new Map<string, number>();
  private readonly unknownWeight: number;
  /** What `known` made of each unknown word (pure: only time is saved). */
  private readonly typos = new Map<string, string>();

  constructor(
    intents: readonly Intent[],
    private readonly words: WordMatcher,
    language: Language,
  ) {
    const commands = intents.filter((i) => i.kind !== 'routine');
    const intentsOf = new Map<string, Set<string>>();
    for (const intent of commands) {
      for (const text of intent.samples) {
        if (text.includes('{routine}')) continue;
        const words = [
          ...new Set(
            language
              .normalize(text.replace(/\{n\}/g, ' slotn '))
              .tokens.map((t) => (t === 'slotn' ? NUMBER_SLOT : t)),
          ),
        ];
        if (words.length === 0) continue;
        this.samples.push({ words, kind: intent.kind as CommandKind, id: intent.id, weight: 0 });
        for (const w of words) {
          const ids = intentsOf.get(w) ?? new Set<string>();
          ids.add(intent.id);
          intentsOf.set(w, ids);
        }
      }
    }
    const n = commands.length;
    for (const [w, ids] of intentsOf) this.idf.set(w, Math.log(1 + n / ids.size));
    this.unknownWeight = Math.log(1 + n);
    this.samples.forEach((sample, at) => {
      sample.weight = sample.words.reduce((sum, w) => sum + this.idf.get(w)!, 0);
      for (const w of sample.words) {
        const list = this.byWord.get(w) ?? [];
        list.push(at);
        this.byWord.set(w, list);
      }
    });
    this.overlap = new Float64Array(this.samples.length);
    this.touched = new Int32Array(this.samples.length);
  }

  /**
   * The nearest command, or undefined when no sample shares a word with the utterance. Step
   * numbers are to be given as NUMBER_SLOT.
   */
  classify(tokens: readonly string[]): ScoredCommand | undefined {
    const said = [...new Set(tokens.map((t) => (t === NUMBER_SLOT ? t : this.known(t))))];
    const weightOf = (w: string) => this.idf.get(w) ?? this.unknownWeight;
    const total = said.reduce((sum, w) => sum + weightOf(w), 0);
    // Shared weight per sample in a table kept between calls (a map per call was most of a
    // turn's garbage); `touched` lists the samples to read and reset.
    const { overlap, touched } = this;
    let count = 0;
    for (const w of said) {
      const weight = weightOf(w);
      for (const at of this.byWord.get(w) ?? []) {
        if (overlap[at] === 0) touched[count++] = at;
        overlap[at]! += weight;
      }
    }
    const best = new Map<string, { sample: Sample; score: number }>();
    for (let k = 0; k < count; k++) {
      const at = touched[k]!;
      const sample = this.samples[at]!;
      const shared = overlap[at]!;
      overlap[at] = 0;
      // Most of what was said must be in the sample: "why are swans' necks so long" is no "so long".
      if (shared < MIN_COVERAGE * total) continue;
      const score = (2 * shared) / (total + sample.weight);
      const current = best.get(sample.id);
      if (!current || score > current.score) best.set(sample.id, { sample, score });
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score);
    const top = ranked[0];
    if (!top) return undefined;
    return {
      kind: top.sample.kind,
      id: top.sample.id,
      score: top.score,
      runnerUp: ranked[1]?.score ?? 0,
    };
  }

  /** A word as the samples spell it, when it is a typo of one of their words. */
  private known(token: string): string {
    if (this.idf.has(token) || this.words.isCommon(token)) return token;
    // Trying every sample word is the costliest part of a reading: each answer is kept.
    const kept = this.typos.get(token);
    if (kept !== undefined) return kept;
    let found = token;
    for (const w of this.idf.keys()) {
      if (this.words.matchesWord(token, w)) {
        found = w;
        break;
      }
    }
    if (this.typos.size >= TYPO_MEMO_LIMIT) this.typos.clear();
    this.typos.set(token, found);
    return found;
  }
}
