import { commandConfidence } from '../dialogue/dialogue';
import type { Route } from './route';

/** A yes or no that answers no question of ours. */
export const confirmRoute: Route = {
  name: 'confirm',
  rank: 45,
  canHandle: (i) => i.command?.kind === 'confirm',
  handle: (i, { s, dialogue }) =>
    dialogue.confirm(s, i.command!.id === 'yes', commandConfidence(i.command!)),
};
