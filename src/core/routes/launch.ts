import type { Route } from './route';

/** A new session on a voice channel (or a web chat join): welcome, or offer the saved routine back. */
export const launchRoute: Route = {
  name: 'launch',
  rank: 0,
  canHandle: (i) => i.turn.type === 'launch',
  handle: (_i, { s, expired, dialogue }) => dialogue.welcome(s, expired),
};
