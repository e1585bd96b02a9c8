import type { Route } from './route';

/** Nothing else understood the turn. */
export const fallbackRoute: Route = {
  name: 'fallback',
  rank: 100,
  canHandle: () => true,
  handle: (i, { s, dialogue }) => dialogue.fallback(s, i.match()),
};
