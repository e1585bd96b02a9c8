import type { NavigationId } from '../contract';
import { commandConfidence } from '../dialogue/dialogue';
import type { Route, TurnContext } from './route';

/**
 * What a navigation command asks here. "Carry on" and "continue" resume a routine that was put
 * aside (paused, held by a safety reply, or interrupted by a question); said right after a step,
 * with nothing to come back to, they move on.
 */
function meaning(id: NavigationId, { s, pending }: TurnContext): NavigationId {
  const running = s.conversation.routine?.status === 'active';
  if (id === 'resume' && running && pending?.type !== 'continue-routine') return 'next';
  return id;
}

/** Next, back, repeat, go to step n, pause, resume, stop: in a routine or outside one. */
export const navigationRoute: Route = {
  name: 'navigation',
  rank: 40,
  canHandle: (i) => i.command?.kind === 'navigation',
  handle: (i, ctx) => {
    const command = i.command!;
    return ctx.dialogue.navigate(
      ctx.s,
      meaning(command.id as NavigationId, ctx),
      commandConfidence(command),
      ctx.expired,
      command.step,
    );
  },
};
