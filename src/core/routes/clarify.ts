import type { Route } from './route';

/** Two or three topics are close: "Did you mean…?" with each as a suggestion. */
export const clarifyRoute: Route = {
  name: 'clarify',
  rank: 80,
  canHandle: (i) => i.match().decision === 'clarify',
  handle: (i, { dialogue }) => dialogue.clarify(i.match()),
};
