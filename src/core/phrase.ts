import type { Language } from './language';
import type { WordMatcher } from './word-match';

/** One element of a lexicon phrase: a word, a `prefix*`, or a `...` gap of up to three words. */
type Part = { type: 'word'; word: string } | { type: 'prefix'; prefix: string } | { type: 'gap' };

const GAP_WORDS = 3;

export interface Span {
  start: number;
  end: number;
  /** True when every word matched letter for letter. */
  exact: boolean;
}

/** A phrase from content compiled once, matched against normalized tokens. */
export class Phrase {
  private readonly parts: Part[];
  /** A phrase of one word or prefix: its spelling is the only evidence (see WordMatcher). */
  private readonly alone: boolean;

  constructor(
    readonly source: string,
    language: Language,
  ) {
    this.parts = [];
    for (const chunk of source.toLowerCase().split(/\s+/)) {
      if (chunk === '...') {
        this.parts.push({ type: 'gap' });
        continue;
      }
      const isPrefix = chunk.endsWith('*');
      const words = language.normalize(isPrefix ? chunk.slice(0, -1) : chunk).tokens;
      words.forEach((w, i) => {
        const last = i === words.length - 1;
        this.parts.push(
          isPrefix && last ? { type: 'prefix', prefix: w } : { type: 'word', word: w },
        );
      });
    }
    this.alone = this.parts.filter((p) => p.type !== 'gap').length === 1;
  }

  /** The first word or prefix of the phrase, used to index phrases (undefined if it opens with a gap). */
  get anchor(): { word: string } | { prefix: string } | undefined {
    const first = this.parts[0];
    if (!first || first.type === 'gap') return undefined;
    return first.type === 'word' ? { word: first.word } : { prefix: first.prefix };
  }

  /** The phrase starting exactly at `start`, if it occurs there. */
  matchFrom(tokens: readonly string[], words: WordMatcher, start: number): Span | undefined {
    const hit = this.matchAt(tokens, words, start, 0, true);
    return hit && { start, end: hit.end, exact: hit.exact };
  }

  /** The first place in `tokens` where the phrase occurs, if any. */
  find(tokens: readonly string[], words: WordMatcher, from = 0): Span | undefined {
    for (let start = from; start < tokens.length; start++) {
      const hit = this.matchAt(tokens, words, start, 0, true);
      if (hit) return { start, end: hit.end, exact: hit.exact };
    }
    return undefined;
  }

  /** Every place the phrase occurs (used for `except` overlaps). */
  findAll(tokens: readonly string[], words: WordMatcher): Span[] {
    const spans: Span[] = [];
    let from = 0;
    for (;;) {
      const span = this.find(tokens, words, from);
      if (!span) return spans;
      spans.push(span);
      from = span.start + 1;
    }
  }

  private matchAt(
    tokens: readonly string[],
    words: WordMatcher,
    pos: number,
    partIndex: number,
    exact: boolean,
  ): { end: number; exact: boolean } | undefined {
    const part = this.parts[partIndex];
    if (!part) return { end: pos, exact };
    if (part.type === 'gap') {
      for (let skip = 0; skip <= GAP_WORDS && pos + skip <= tokens.length; skip++) {
        const hit = this.matchAt(tokens, words, pos + skip, partIndex + 1, exact);
        if (hit) return hit;
      }
      return undefined;
    }
    const token = tokens[pos];
    if (token === undefined) return undefined;
    if (part.type === 'word') {
      if (!words.matchesWord(token, part.word, this.alone)) return undefined;
      return this.matchAt(tokens, words, pos + 1, partIndex + 1, exact && token === part.word);
    }
    if (!words.matchesPrefix(token, part.prefix, this.alone)) return undefined;
    return this.matchAt(
      tokens,
      words,
      pos + 1,
      partIndex + 1,
      exact && token.startsWith(part.prefix),
    );
  }
}
