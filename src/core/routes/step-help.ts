import type { Route } from './route';

/** How close a question must come to a help entry's questions to be answered by it. */
export const STEP_HELP_SCORE = 0.42;

/** A question about the step in progress ("how far should I tilt?"), before the answer bank. */
export const stepHelpRoute: Route = {
  name: 'step-help',
  rank: 55,
  canHandle: (i, { s }) =>
    s.conversation.routine !== undefined &&
    s.conversation.routine.status !== 'held' &&
    (i.stepHelp()?.score ?? 0) >= STEP_HELP_SCORE,
  handle: (i, { s, dialogue }) => {
    const hit = i.stepHelp()!;
    return dialogue.stepHelp(s, hit.entry, Math.round(Math.min(1, hit.score) * 100) / 100);
  },
};
