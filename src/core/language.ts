import type { LanguageData, SkillData } from '../content/schema';
import { Normalizer, type Normalized } from './normalize';
import { Terms } from './terms';

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

  normalize(input: string): Normalized {
    return this.normalizer.normalize(input);
  }

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
