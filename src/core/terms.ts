import stem from 'wink-porter2-stemmer';
import type { LanguageData } from '../content/schema';

/**
 * The answer matcher's view of words (content/language/*.yaml, `terms`): stop words out, the rest
 * stemmed, plus adjacent-pair bigrams.
 */
export class Terms {
  private readonly stopWords: ReadonlySet<string>;
  private readonly requestObjects: ReadonlySet<string>;
  private readonly okay: ReadonlySet<string>;
  private readonly beforeJudgement: ReadonlySet<string>;
  private readonly afterJudgement: ReadonlySet<string>;
  private readonly yesNoOpeners: ReadonlySet<string>;

  constructor(private readonly data: LanguageData['terms']) {
    this.stopWords = new Set(data.stopWords);
    this.requestObjects = new Set(data.requestObjects);
    this.okay = new Set(data.okayWords);
    this.beforeJudgement = new Set(data.beforeJudgement);
    this.afterJudgement = new Set(data.afterJudgement);
    this.yesNoOpeners = new Set(data.yesNoOpeners);
  }

  isStopword(token: string): boolean {
    return this.stopWords.has(token);
  }

  /**
   * Content terms of a token list: stop words out, the rest stemmed, plus adjacent-pair bigrams.
   * An "ok" that judges ("is it ok to…") is kept, as its synonym "alright".
   */
  termsOf(tokens: readonly string[]): string[] {
    const unigrams = tokens
      .map((t, i) => (this.okay.has(t) && this.isJudgement(tokens, i) ? this.data.okayMeans : t))
      .filter((t, i) => !this.stopWords.has(t) && !this.isRequestTell(tokens, i))
      .map(stemOf);
    const terms = [...unigrams];
    for (let i = 0; i + 1 < unigrams.length; i++) terms.push(`${unigrams[i]}_${unigrams[i + 1]}`);
    return terms;
  }

  /**
   * "tell me about…" asks for an answer and a last "tell" ("how can you tell") says nothing;
   * "tell my therapist" is what the question is about.
   */
  private isRequestTell(tokens: readonly string[], i: number): boolean {
    const next = tokens[i + 1];
    return (
      tokens[i] === this.data.requestVerb && (next === undefined || this.requestObjects.has(next))
    );
  }

  /**
   * "is it ok to massage my neck", "is neck massage okay": a judgement, the headline question.
   * "ok so how do I…", "okay thanks", "show me kneading ok": filler, left to the stop words.
   */
  private isJudgement(tokens: readonly string[], i: number): boolean {
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    return (
      (before !== undefined && this.beforeJudgement.has(before)) ||
      (after !== undefined && this.afterJudgement.has(after)) ||
      (after === undefined && i > 0 && this.yesNoOpeners.has(tokens[0]!))
    );
  }
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

export function stemOf(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    s = /^\d+$/.test(token) ? token : stem(token);
    stemCache.set(token, s);
  }
  return s;
}
