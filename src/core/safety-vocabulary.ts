import type { LexiconTier } from '../content/schema';
import type { Language } from './language';
import { stemOf } from './terms';

const MIN_LENGTH = 3;

/**
 * The words of the safety lexicon's triggers, less stop words and the words that are only context
 * there ("neck", "head": `fallbackContextWords`): a message using one speaks of a warning sign's
 * matter. Read exactly (by stem or by a trigger's prefix), with no typo tolerance.
 */
export class SafetyVocabulary {
  private readonly stems = new Set<string>();
  private readonly prefixes: string[] = [];

  constructor(lexicon: readonly LexiconTier[], language: Language) {
    const contextWords = new Set(language.data.fallbackContextWords);
    for (const tier of lexicon) {
      for (const trigger of tier.triggers) {
        for (const raw of trigger.split(/\s+/)) {
          if (raw === '...') continue;
          const prefix = raw.endsWith('*');
          for (const token of language.normalize(raw.replace(/\*$/, '')).tokens) {
            if (
              token.length < MIN_LENGTH ||
              language.terms.isStopword(token) ||
              contextWords.has(token)
            )
              continue;
            if (prefix) this.prefixes.push(token);
            else this.stems.add(stemOf(token));
          }
        }
      }
    }
  }

  has(token: string): boolean {
    return this.stems.has(stemOf(token)) || this.prefixes.some((p) => token.startsWith(p));
  }

  /** Some word of the message is one. */
  speaksOf(tokens: readonly string[]): boolean {
    return tokens.some((t) => this.has(t));
  }
}
