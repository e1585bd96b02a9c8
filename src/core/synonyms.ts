import type { Synonym } from '../content/schema';
import type { Language } from './language';

/**
 * Rewrites words and short phrases to the word the answer bank uses ("masseuse" -> "therapist",
 * "head rub" -> "scalp massage"), on both sides of the matcher.
 */
export class Synonyms {
  private readonly single = new Map<string, string[]>();
  /** Multi-word phrases by their first word, longest first. */
  private readonly phrases = new Map<string, Array<{ from: string[]; to: string[] }>>();

  constructor(entries: readonly Synonym[], language: Language) {
    for (const { to, from } of entries) {
      const target = language.normalize(to).tokens;
      for (const f of from) {
        const words = language.normalize(f).tokens;
        if (words.length === 1) this.single.set(words[0]!, target);
        else if (words.length > 1) {
          const list = this.phrases.get(words[0]!) ?? [];
          list.push({ from: words, to: target });
          this.phrases.set(words[0]!, list);
        }
      }
    }
    for (const list of this.phrases.values()) list.sort((a, b) => b.from.length - a.from.length);
  }

  apply(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length;) {
      const phrase = this.phrases
        .get(tokens[i]!)
        ?.find((p) => p.from.every((w, k) => tokens[i + k] === w));
      if (phrase) {
        out.push(...phrase.to);
        i += phrase.from.length;
        continue;
      }
      const token = tokens[i]!;
      const mapped = this.single.get(token);
      if (mapped) out.push(...mapped);
      else out.push(token);
      i++;
    }
    return out;
  }
}
