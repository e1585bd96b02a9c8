import type { Route } from './route';

/** Safety first, in every state: a warning sign answers the turn, whatever else it asked. */
export const safetyRoute: Route = {
  name: 'safety',
  rank: 10,
  canHandle: (i) => i.safety !== undefined,
  handle: (i, { s, dialogue }) => dialogue.safety(s, i.safety!, i.mention?.routineId),
};
