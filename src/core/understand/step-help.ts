import type { Routine, StepHelp as HelpEntry } from '../../content/schema';
import type { Language } from '../language';

export interface StepHelpHit {
  entry: HelpEntry;
  score: number;
}

interface IndexedQuestion {
  terms: Set<string>;
  entry: HelpEntry;
}

/** 0: the step's own help; 1: the routine's; 2: another step's of the same routine. */
type Distance = 0 | 1 | 2;

/** Other steps' help answers a question too, a little less readily than the step's own. */
const DISTANCE_FACTOR = [1, 0.95, 0.85] as const;

/**
 * The step-level help of the routines: the question asked during a step, matched against the
 * questions each help entry lists (the step's own first, then the routine's, then the other
 * steps'), by shared content terms weighted by rarity across all help questions.
 */
export class StepHelpIndex {
  private readonly byRoutine = new Map<string, IndexedQuestion[][]>();
  private readonly idf = new Map<string, number>();
  private readonly unknownWeight: number;

  constructor(
    routines: readonly Routine[],
    private readonly language: Language,
  ) {
    const documents: Set<string>[] = [];
    for (const routine of routines) {
      const lists: IndexedQuestion[][] = [];
      const add = (entries: readonly HelpEntry[] | undefined) => {
        const list: IndexedQuestion[] = [];
        for (const entry of entries ?? []) {
          for (const q of entry.questions) {
            const terms = new Set(this.unigramsOf(language.normalize(q).tokens));
            if (terms.size === 0) continue;
            documents.push(terms);
            list.push({ terms, entry });
          }
        }
        lists.push(list);
      };
      add(routine.help);
      for (const step of routine.steps) add(step.help);
      this.byRoutine.set(routine.id, lists);
    }
    const df = new Map<string, number>();
    for (const doc of documents) for (const t of doc) df.set(t, (df.get(t) ?? 0) + 1);
    const n = documents.length;
    for (const [t, count] of df) this.idf.set(t, Math.log(1 + n / count));
    this.unknownWeight = Math.log(1 + n) / 2;
  }

  /** The best help entry for a question asked at `step` (1-based) of a routine. */
  find(tokens: readonly string[], routineId: string, step: number): StepHelpHit | undefined {
    const lists = this.byRoutine.get(routineId);
    if (!lists) return undefined;
    const said = new Set(this.unigramsOf(tokens));
    if (said.size === 0) return undefined;
    const weight = (t: string) => this.idf.get(t) ?? this.unknownWeight;
    let saidWeight = 0;
    for (const t of said) saidWeight += weight(t);
    let best: StepHelpHit | undefined;
    lists.forEach((list, index) => {
      const distance: Distance = index === 0 ? 1 : index === step ? 0 : 2;
      for (const { terms, entry } of list) {
        let shared = 0;
        let own = 0;
        for (const t of terms) {
          own += weight(t);
          if (said.has(t)) shared += weight(t);
        }
        if (shared === 0) continue;
        const score = ((2 * shared) / (saidWeight + own)) * DISTANCE_FACTOR[distance];
        if (!best || score > best.score) best = { entry, score };
      }
    });
    return best;
  }

  /** Content words only: help questions are short, and word pairs would rarely recur in one. */
  private unigramsOf(tokens: readonly string[]): string[] {
    return this.language.terms.termsOf(tokens).filter((t) => !t.includes('_'));
  }
}
