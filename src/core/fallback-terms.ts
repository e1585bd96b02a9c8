import type { LexiconTier } from '../content/schema';
import type { Language } from './language';
import { SafetyVocabulary } from './safety-vocabulary';
import type { Terms } from './terms';

const MAX_TERMS = 4;
const MIN_LENGTH = 3;

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
  private readonly vocabulary: SafetyVocabulary;
  private readonly terms: Terms;

  constructor(
    private readonly commonWords: ReadonlySet<string>,
    lexicon: readonly LexiconTier[],
    language: Language,
  ) {
    this.terms = language.terms;
    this.vocabulary = new SafetyVocabulary(lexicon, language);
  }

  of(tokens: readonly string[]): FallbackTopic {
    const terms = new Set<string>();
    for (const token of tokens) {
      if (this.vocabulary.has(token)) return { terms: [], safetyRelated: true };
      if (token.length < MIN_LENGTH || this.terms.isStopword(token) || !this.commonWords.has(token))
        continue;
      terms.add(token);
    }
    return { terms: [...terms].sort().slice(0, MAX_TERMS), safetyRelated: false };
  }
}
