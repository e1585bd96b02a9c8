import type { ContentBundle } from '../../src/content/bundle';
import { loadContent } from '../../src/content/load';
import { languageOf, type Language } from '../../src/core/language';
import type { Normalized } from '../../src/core/normalize';

let shared: ContentBundle | undefined;

/** The content as shipped, loaded once for the tests of one file. */
export function content(): ContentBundle {
  shared ??= loadContent();
  return shared;
}

/** English as content/language/en.yaml and content/skill.yaml define it. */
export function language(): Language {
  return languageOf(content());
}

export const normalize = (input: string): Normalized => language().normalize(input);
export const cleanAscii = (input: string): string => language().normalizer.cleanAscii(input);
export const cleanUnicode = (input: string): string => language().normalizer.cleanUnicode(input);
export const numberFromWord = (token: string): number | undefined =>
  language().numberFromWord(token);
