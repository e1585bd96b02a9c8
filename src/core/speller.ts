import Fuse from 'fuse.js';
import { editDistance, someOneEditAway } from './edit-distance';
import type { Terms } from './terms';
import type { WordMatcher } from './word-match';

const CACHE_LIMIT = 50_000;

/**
 * Corrects a typed word to a word of the answer bank's vocabulary. Correct common English words
 * are left alone, so out-of-scope words ("weather", "feet") stay out of scope.
 *
 * A word one edit away wins first (a dropped, extra, swapped or wrong letter; the first letter is
 * only ever dropped or swapped, as typos rarely hit it), the most frequent in the bank among
 * several: "knott" is "knot", not "knotty". The vocabulary holds stop words too, so "shuold"
 * becomes "should" (then ignored) rather than a content word such as "shoulder". Failing that, a
 * longer word goes to fuse.js, whose Bitap search is fast and good on single words, and the
 * candidate fewest real edits away (at most two) wins, then the most frequent: "scalpe" is
 * "scalp", not "scalene".
 */
export class Speller {
  /** One small index per first letter: typos rarely hit the first letter, and search stays fast. */
  private readonly fuseByLetter = new Map<string, Fuse<string>>();
  private readonly cache = new Map<string, string | null>();

  /** `frequency`: how often each word of the bank's vocabulary occurs in it. */
  constructor(
    private readonly frequency: ReadonlyMap<string, number>,
    private readonly words: WordMatcher,
    private readonly terms: Terms,
  ) {
    const byLetter = new Map<string, string[]>();
    for (const w of frequency.keys()) {
      if (w.length < 3 || terms.isStopword(w)) continue;
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
    if (this.frequency.has(token) || token.length < 3 || this.terms.isStopword(token)) return token;
    if (this.words.isCommon(token) || /\d/.test(token)) return token;
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached ?? token;
    const corrected =
      this.oneEditAway(token) ?? (token.length >= 5 ? this.nearestByFuse(token) : undefined);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(token, corrected ?? null);
    return corrected ?? token;
  }

  private oneEditAway(token: string): string | undefined {
    let best: string | undefined;
    let bestCount = 0;
    someOneEditAway(token, (word) => {
      const count = this.frequency.get(word);
      if (count !== undefined && count > bestCount && word.length > 1) {
        best = word;
        bestCount = count;
      }
      return false;
    });
    return best;
  }

  private nearestByFuse(token: string): string | undefined {
    let best: { word: string; edits: number; count: number; score: number } | undefined;
    for (const key of [token[0]!, `-${token[0]!}`]) {
      for (const r of this.fuseByLetter.get(key)?.search(token, { limit: 8 }) ?? []) {
        const edits = editDistance(token, r.item, 2);
        if (edits > 2) continue;
        const candidate = {
          word: r.item,
          edits,
          count: this.frequency.get(r.item) ?? 0,
          score: r.score ?? 1,
        };
        if (!best || compare(candidate, best) < 0) best = candidate;
      }
    }
    return best?.word;
  }
}

function compare(
  a: { edits: number; count: number; score: number },
  b: { edits: number; count: number; score: number },
): number {
  return a.edits - b.edits || b.count - a.count || a.score - b.score;
}
