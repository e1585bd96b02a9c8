import { commandConfidence } from '../dialogue/dialogue';
import type { Route } from './route';

/** Greeting, thanks, help, goodbye, "what can you do", said on their own. */
export const smalltalkRoute: Route = {
  name: 'smalltalk',
  rank: 50,
  canHandle: (i) => i.command?.kind === 'smalltalk',
  handle: (i, { s, dialogue }) =>
    dialogue.smalltalk(s, i.command!.id, commandConfidence(i.command!)),
};
