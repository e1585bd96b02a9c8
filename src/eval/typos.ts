import { LETTERS } from '../core/edit-distance';
import type { EvalItem } from './evaluate';

/**
 * The same utterances as people in a hurry type them: each word of four or more letters gets,
 * with probability `rate`, one typo after its first letter (a dropped, extra, wrong or swapped
 * letter). Deterministic for a seed, so a run can be repeated and compared.
 */
export function withTypos(items: readonly EvalItem[], seed: number, rate = 0.4): EvalItem[] {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const typo = (word: string): string => {
    const i = 1 + Math.floor(random() * (word.length - 1));
    const letter = LETTERS[Math.floor(random() * LETTERS.length)]!;
    switch (Math.floor(random() * 4)) {
      case 0:
        return word.slice(0, i) + word.slice(i + 1);
      case 1:
        return word.slice(0, i) + letter + word.slice(i);
      case 2:
        return word.slice(0, i) + letter + word.slice(i + 1);
      default:
        return i + 1 < word.length
          ? word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2)
          : word.slice(0, i);
    }
  };
  return items.map((item) => ({
    ...item,
    text: item.text
      .split(/\s+/)
      .map((w) => (/^[a-z]{4,}$/i.test(w) && random() < rate ? typo(w.toLowerCase()) : w))
      .join(' '),
  }));
}

/** The seeds `npm run eval -- --typos` and its floor test use: the same utterances three ways. */
export const TYPO_SEEDS = [1, 2, 3];

export function withTyposForEachSeed(items: readonly EvalItem[]): EvalItem[] {
  return TYPO_SEEDS.flatMap((seed) => withTypos(items, seed));
}
