import type { LanguageData, SkillData } from '../content/schema';
import { Normalizer, type Normalized } from './normalize';
import { Terms } from './terms';

const MEMO_MAX_LENGTH = 200;
const MEMO_LIMIT = 4096;

/**
 * One language's word lists (content/language/*.yaml) and the skill's invocation
 * (content/skill.yaml), compiled once from the content bundle and handed to every part of the core
 * that reads words. Nothing here reads a file.
 */
export class Language {
  readonly normalizer: Normalizer;
  readonly terms: Terms;

  constructor(
    readonly data: LanguageData,
    skill: Pick<SkillData, 'invocation'>,
  ) {
    this.normalizer = new Normalizer({ normalize: data.normalize, invocation: skill.invocation });
    this.terms = new Terms(data.terms);
  }

  /**
   * Normalizing is pure, and the same short texts come back again and again: start-up normalizes
   * 6,200 content strings of which 2,500 differ, and a turn reads a short message whole and as its
   * clauses. Short inputs are kept (a bounded table); each caller gets its own token list.
   */
  normalize(input: string): Normalized {
    if (input.length > MEMO_MAX_LENGTH) return this.normalizer.normalize(input);
    let known = this.memo.get(input);
    if (!known) {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(input, (known = this.normalizer.normalize(input)));
    }
    return { text: known.text, tokens: known.tokens.slice() };
  }

  private readonly memo = new Map<string, Normalized>();

  numberFromWord(token: string): number | undefined {
    return this.normalizer.numberFromWord(token);
  }
}

const compiled = new WeakMap<object, Language>();

/** The language of a content bundle, compiled once per bundle. */
export function languageOf(content: { language: LanguageData; skill: SkillData }): Language {
  let language = compiled.get(content);
  if (!language) compiled.set(content, (language = new Language(content.language, content.skill)));
  return language;
}
