import type { Route } from './route';

/** The channel ended the session. */
export const endRoute: Route = {
  name: 'end',
  rank: 1,
  canHandle: (i) => i.turn.type === 'end',
  handle: (_i, { s, dialogue }) => dialogue.goodbye(s, 1),
};
