import Fuse from 'fuse.js';
import { isStopword } from './terms';
import type { WordMatcher } from './word-match';

const CACHE_LIMIT = 50_000;

/**
 * Corrects a typed word to the nearest word of the answer bank's vocabulary, with fuse.js on single
 * words, where its Bitap search is fast and good. Correct common English words are left alone, so
 * out-of-scope words ("weather", "feet") stay out of scope.
 */
export class Speller {
  /** One small index per first letter: typos rarely hit the first letter, and search stays fast. */
  private readonly fuseByLetter = new Map<string, Fuse<string>>();
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly vocabulary: ReadonlySet<string>,
    private readonly words: WordMatcher,
  ) {
    const byLetter = new Map<string, string[]>();
    for (const w of vocabulary) {
      if (w.length < 3 || isStopword(w)) continue;
      // Filed under the first letter, and under the second for a dropped first letter ("neading").
      for (const key of [w[0]!, `-${w[1]!}`]) {
        const list = byLetter.get(key) ?? [];
        list.push(w);
        byLetter.set(key, list);
      }
    }
    for (const [letter, list] of byLetter) {
      this.fuseByLetter.set(
        letter,
        new Fuse(list, { includeScore: true, threshold: 0.34, minMatchCharLength: 2 }),
      );
    }
  }

  correct(token: string): string {
    if (this.vocabulary.has(token) || token.length < 3 || isStopword(token)) return token;
    if (this.words.isCommon(token) || /\d/.test(token)) return token;
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached ?? token;
    const results = [token[0]!, `-${token[0]!}`]
      .flatMap((key) => this.fuseByLetter.get(key)?.search(token, { limit: 3 }) ?? [])
      .sort((a, b) => (a.score ?? 1) - (b.score ?? 1));
    const best = results.find((r) => {
      const lengthGap = Math.abs(r.item.length - token.length);
      return lengthGap <= Math.max(1, Math.floor(token.length / 4));
    });
    const corrected = best ? best.item : null;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(token, corrected);
    return corrected ?? token;
  }
}
