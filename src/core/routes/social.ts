import { commandConfidence } from '../dialogue/dialogue';
import type { Route } from './route';

/** "thanks so much, that was helpful", "ok that's all for now, see you later": nothing else asked. */
export const socialRoute: Route = {
  name: 'social',
  rank: 70,
  canHandle: (i) => i.social() !== undefined,
  handle: (i, { s, dialogue }) =>
    dialogue.smalltalk(s, i.social()!.id, commandConfidence(i.social()!)),
};
