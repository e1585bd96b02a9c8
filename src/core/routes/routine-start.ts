import type { Route } from './route';

/** Starting a routine by name: "walk me through kneading", "scalp massage routine please". */
export const routineStartRoute: Route = {
  name: 'routine-start',
  rank: 30,
  canHandle: (i) => i.routineStart !== undefined,
  handle: (i, { s, dialogue }) =>
    dialogue.startRoutine(
      s,
      i.routineStart!.routineId,
      i.routineStart!.confidence,
      i.routineStart!.switching,
    ),
};
