import type { Route } from './route';

/** A message in another language: say, in English, that English is all the coach speaks for now. */
export const otherLanguageRoute: Route = {
  name: 'other-language',
  rank: 15,
  // English in heavy typos ("wat r da benifits of nek masaj") still reaches the bank.
  canHandle: (i) =>
    i.command === undefined &&
    i.routineStart === undefined &&
    i.otherLanguage() &&
    i.match().decision !== 'answer',
  handle: (_i, { s, dialogue }) => dialogue.smalltalk(s, 'other-language', 0.9),
};
