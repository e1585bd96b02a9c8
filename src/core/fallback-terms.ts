import type { LexiconTier } from '../content/schema';
import { normalize } from './normalize';
import { isStopword, stemOf } from './terms';

const MAX_TERMS = 4;
const MIN_LENGTH = 3;
/**
 * Words that appear in triggers only as context ("vision loss", "can't lift my arm", "fell down"):
 * everyday words and body parts are not warnings by themselves. Everything else in a trigger is.
 */
const CONTEXT_WORDS = new Set(
  (
    'neck head side face back after when massage not out over down right left two see saw find ' +
    'word clear proper straight move run high low new small open warm hot red touch through along ' +
    'went gone took end car world feet foot hand arm leg eye eyes room star swim spot bed deep thin ' +
    'lift raise hard talk light off goes body shoulder finger fingers chest joint skin feel felt'
  ).split(' '),
);

export interface FallbackTopic {
  /** Up to four common English words, sorted: what the unanswered question was about. */
  terms: string[];
  /** The utterance used a word of the safety lexicon: curators' reports leave it out entirely. */
  safetyRelated: boolean;
}

/**
 * What a curator may learn from a question we could not answer, without keeping what was said:
 * only correctly spelled common English words (no names, numbers or addresses), no stop words,
 * sorted so the sentence cannot be rebuilt, and nothing at all when a word of the safety lexicon
 * appears, so no health statement reaches the log.
 */
export class FallbackTerms {
  private readonly safetyStems = new Set<string>();
  private readonly safetyPrefixes: string[] = [];

  constructor(
    private readonly commonWords: ReadonlySet<string>,
    lexicon: readonly LexiconTier[],
    /** Words that appear in triggers only as context ("neck", "head"): not warnings by themselves. */
    contextWords: ReadonlySet<string> = CONTEXT_WORDS,
  ) {
    for (const tier of lexicon) {
      for (const trigger of tier.triggers) {
        for (const raw of trigger.split(/\s+/)) {
          if (raw === '...') continue;
          const prefix = raw.endsWith('*');
          for (const token of normalize(raw.replace(/\*$/, '')).tokens) {
            if (token.length < MIN_LENGTH || isStopword(token) || contextWords.has(token)) continue;
            if (prefix) this.safetyPrefixes.push(token);
            else this.safetyStems.add(stemOf(token));
          }
        }
      }
    }
  }

  private isSafetyWord(token: string): boolean {
    return (
      this.safetyStems.has(stemOf(token)) || this.safetyPrefixes.some((p) => token.startsWith(p))
    );
  }

  of(tokens: readonly string[]): FallbackTopic {
    const terms = new Set<string>();
    for (const token of tokens) {
      if (this.isSafetyWord(token)) return { terms: [], safetyRelated: true };
      if (token.length < MIN_LENGTH || isStopword(token) || !this.commonWords.has(token)) continue;
      terms.add(token);
    }
    return { terms: [...terms].sort().slice(0, MAX_TERMS), safetyRelated: false };
  }
}
