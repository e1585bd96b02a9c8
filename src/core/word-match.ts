import { editDistanceWithin, someOneEditAway } from './edit-distance';

/** Typo-tolerant word comparison: how many edits a word of this length may carry. */
export function allowedEdits(length: number): number {
  if (length >= 9) return 2;
  if (length >= 4) return 1;
  return 0;
}

/**
 * An eight-letter word ("whiplash", "numbness") also forgives a second typo, unless a word the
 * bank uses is one typo away, the likelier reading ("streches" is "stretches", not "stitches").
 */
const SECOND_TYPO_LENGTH = 8;

/**
 * Compares a typed word with a known word or prefix, tolerating typos in words of four or more
 * letters but never turning one correctly spelled common word into another, and never touching
 * the first letter, which typos rarely hit. Three letters are too few to tell apart, except a
 * four-letter word of a longer phrase with one letter dropped ("hrt my neck", "pns and needles"),
 * whose other words back the reading.
 *
 * `alone`: the word is all the evidence there is (a one-word safety trigger such as "scab"), so a
 * four-letter word then only forgives two swapped letters: "scap" is more likely "scalp".
 */
export class WordMatcher {
  /**
   * Typo checks are memoized: the same few hundred lexicon words meet the same user words. One
   * table per check, token -> word -> answer, so a lookup builds no key string and no closure (the
   * garbage of a long message's thousands of checks showed at the bench's p99).
   */
  private readonly wordMemo = new Map<string, Map<string, boolean>>();
  private readonly prefixMemo = new Map<string, Map<string, boolean>>();
  private readonly nearMemo = new Map<string, boolean>();
  /**
   * The common-word table hashes the whole word on every lookup, and one message's fuzzy checks
   * ask about the same word dozens of times; a Map keeps the word's hash with the string.
   */
  private readonly commonMemo = new Map<string, boolean>();
  private memoSize = 0;
  private static readonly MEMO_LIMIT = 100_000;

  /** `knownWords`: the words the answer bank uses. */
  constructor(
    private readonly commonWords: ReadonlySet<string>,
    private readonly knownWords: ReadonlySet<string> = new Set(),
  ) {}

  private remember(
    table: Map<string, Map<string, boolean>>,
    token: string,
    word: string,
    value: boolean,
  ): boolean {
    this.counted();
    let row = table.get(token);
    if (!row) table.set(token, (row = new Map<string, boolean>()));
    row.set(word, value);
    return value;
  }

  /** A word the answer bank uses. */
  isKnown(token: string): boolean {
    return this.knownWords.has(token);
  }

  /** Counts one memo entry; at the limit every table is emptied (pure answers: only time changes). */
  private counted(): void {
    if (this.memoSize >= WordMatcher.MEMO_LIMIT) {
      this.wordMemo.clear();
      this.prefixMemo.clear();
      this.nearMemo.clear();
      this.commonMemo.clear();
      this.memoSize = 0;
    }
    this.memoSize++;
  }

  isCommon(token: string): boolean {
    let common = this.commonMemo.get(token);
    if (common === undefined) {
      common = this.commonWords.has(token);
      this.counted();
      this.commonMemo.set(token, common);
    }
    return common;
  }

  matchesWord(token: string, word: string, alone = false): boolean {
    if (token === word) return true;
    if (alone && word.length === 4) return isSwap(token, word) && !this.isCommon(token);
    const edits = allowedEdits(word.length);
    // Requiring the first letter keeps "would" from ever meeting "wound"-like words.
    if (edits === 0 || token[0] !== word[0]) return false;
    if (token.length === 3) {
      // One edit between three letters and four is a dropped letter.
      return (
        word.length === 4 &&
        !this.isCommon(token) &&
        !this.knownWords.has(token) &&
        editDistanceWithin(token, word, 1)
      );
    }
    if (token.length < 4) return false;
    const second = word.length === SECOND_TYPO_LENGTH;
    if (Math.abs(token.length - word.length) > (second ? 2 : edits)) return false;
    if (this.isCommon(token)) return false;
    const known = this.wordMemo.get(token)?.get(word);
    if (known !== undefined) return known;
    return this.remember(
      this.wordMemo,
      token,
      word,
      editDistanceWithin(token, word, edits) ||
        (second && editDistanceWithin(token, word, 2) && !this.nearKnownWord(token)),
    );
  }

  /**
   * Whether `token` is a word of the bank (other than the ones `except` accepts) with one of its
   * doubled letters typed once: the commonest typo of all ("stres" for stress, "masage").
   */
  hasUndoubledKnownWord(token: string, except: (word: string) => boolean): boolean {
    for (let i = 1; i <= token.length; i++) {
      const word = token.slice(0, i) + token[i - 1]! + token.slice(i);
      if (token[i] !== token[i - 1] && this.knownWords.has(word) && !except(word)) return true;
    }
    return false;
  }

  /** One edit away from a word of the bank: a typo of a word we know. */
  nearKnownWord(token: string): boolean {
    const known = this.nearMemo.get(token);
    if (known !== undefined) return known;
    const near = someOneEditAway(token, (variant) => this.knownWords.has(variant));
    this.counted();
    this.nearMemo.set(token, near);
    return near;
  }

  /** `prefix*` in the lexicon: "injur*" matches injury, injured and (one typo) "injurd", "imjured". */
  matchesPrefix(token: string, prefix: string, alone = false): boolean {
    if (token.startsWith(prefix)) return true;
    if (alone && prefix.length === 4) {
      return token.length >= 4 && isSwap(token.slice(0, 4), prefix) && !this.isCommon(token);
    }
    const edits = allowedEdits(prefix.length + 1);
    if (edits === 0 || prefix.length < 4 || token.length < 4 || token[0] !== prefix[0])
      return false;
    if (token.length < prefix.length - 1 || this.isCommon(token)) return false;
    const known = this.prefixMemo.get(token)?.get(prefix);
    if (known !== undefined) return known;
    let near = false;
    for (let k = prefix.length - 1; k <= prefix.length + 1 && !near; k++) {
      if (k <= token.length && editDistanceWithin(token.slice(0, k), prefix, 1)) near = true;
    }
    return this.remember(this.prefixMemo, token, prefix, near);
  }
}

/** Two neighbouring letters swapped after the first: "pian" for "pain", "nmub" for "numb". */
function isSwap(token: string, word: string): boolean {
  if (token.length !== word.length || token[0] !== word[0]) return false;
  for (let i = 1; i < word.length - 1; i++) {
    if (token[i] !== word[i]) {
      return (
        token[i] === word[i + 1] &&
        token[i + 1] === word[i] &&
        token.slice(i + 2) === word.slice(i + 2)
      );
    }
  }
  return false;
}
