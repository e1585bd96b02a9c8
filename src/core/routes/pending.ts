import { commandConfidence } from '../dialogue/dialogue';
import type { Route } from './route';

/** A yes or no to the question we asked on the previous turn ("Want me to guide you through it?"). */
export const pendingRoute: Route = {
  name: 'pending',
  rank: 20,
  canHandle: (i, { pending }) => pending !== undefined && i.command?.kind === 'confirm',
  handle: (i, { s, pending, dialogue }) =>
    dialogue.answerPending(s, pending!, i.command!.id === 'yes', commandConfidence(i.command!)),
};
