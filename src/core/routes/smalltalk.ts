import { commandConfidence } from '../dialogue/dialogue';
import { STEP_HELP_SCORE } from './step-help';
import type { Route } from './route';

/** Greeting, thanks, help, goodbye, "what can you do", said on their own. */
export const smalltalkRoute: Route = {
  name: 'smalltalk',
  rank: 50,
  // In a routine, "what now?" or "how do I use this?" may be about the step: its help answers first.
  canHandle: (i, { s }) =>
    i.command?.kind === 'smalltalk' &&
    !(
      s.conversation.routine !== undefined &&
      ['help', 'capabilities'].includes(i.command.id) &&
      (i.stepHelp()?.score ?? 0) >= STEP_HELP_SCORE
    ),
  handle: (i, { s, dialogue }) =>
    dialogue.smalltalk(s, i.command!.id, commandConfidence(i.command!)),
};
