import type { Route } from './route';

/** A question the answer bank covers. */
export const answerRoute: Route = {
  name: 'answer',
  rank: 60,
  canHandle: (i) => i.match().decision === 'answer' && i.match().candidates.length > 0,
  handle: (i, { s, dialogue }) =>
    dialogue.answer(s, i.match(), { also: i.alsoAsked(), need: i.routineNeed() }),
};
