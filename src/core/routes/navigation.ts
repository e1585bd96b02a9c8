import type { NavigationId } from '../contract';
import { commandConfidence } from '../dialogue/dialogue';
import type { Route } from './route';

/** Next, back, repeat, go to step n, pause, resume, stop: in a routine or outside one. */
export const navigationRoute: Route = {
  name: 'navigation',
  rank: 40,
  canHandle: (i) => i.command?.kind === 'navigation',
  handle: (i, { s, expired, dialogue }) => {
    const command = i.command!;
    return dialogue.navigate(
      s,
      command.id as NavigationId,
      commandConfidence(command),
      expired,
      command.step,
    );
  },
};
