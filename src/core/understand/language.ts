import type { WordMatcher } from '../word-match';

/** Words from which a message can be told to be in another language. */
const MIN_WORDS = 3;
/** Share of words no English word list or the bank knows. */
const FOREIGN_SHARE = 0.6;
/** …or less, when letters English does not use (ñ, é, ß, ¿) back it. */
const FOREIGN_SHARE_WITH_LETTERS = 0.4;
const NON_ENGLISH_LETTERS = /[¿¡ñçßàâäèéêëìíîïòóôöùúûüœæ]/i;

/**
 * Whether a message is written in a language other than English: most of its words are in no
 * English word list and unknown to the bank (typos and slang leave most words known). Coarse by
 * design: it only decides whether to say "I only speak English for now".
 */
export function isOtherLanguage(
  text: string,
  tokens: readonly string[],
  words: WordMatcher,
): boolean {
  const raw = text.toLowerCase().match(/\p{L}{2,}/gu) ?? [];
  if (raw.length < MIN_WORDS || tokens.length === 0) return false;
  const least = NON_ENGLISH_LETTERS.test(text) ? FOREIGN_SHARE_WITH_LETTERS : FOREIGN_SHARE;
  // Once too many words are English for the share to be reached, the rest need no look-up.
  let unknown = raw.length;
  for (const w of raw) {
    if (words.isCommon(w) || words.isKnown(w) || (w.length >= 4 && words.nearKnownWord(w))) {
      if (--unknown / raw.length < least) return false;
    }
  }
  return unknown / raw.length >= least;
}
