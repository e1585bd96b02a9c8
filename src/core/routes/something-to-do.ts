import type { Route } from './route';

/**
 * A request for something to do ("got anything for tight shoulders?", "what's a good one to start
 * with?") is answered with the routine to pick, when the bank has no answer for it (and nothing out
 * of scope is named), or only one that tells nothing to do (a benefit) while the message states a
 * need the routines serve.
 */
export const somethingToDoRoute: Route = {
  name: 'something-to-do',
  rank: 59,
  canHandle: (i, { dialogue }) => {
    // Never a routine beside a health signal the safety check is unsure of ("…if it starts to hurt").
    if (i.safetyCheck || !i.asksForSomethingToDo() || dialogue.pickRoutineTopic() === undefined)
      return false;
    const m = i.match();
    if (m.namesOutOfScope) return false;
    if (m.decision !== 'answer') return true;
    const top = m.candidates[0]?.id;
    return top !== undefined && !dialogue.tellsWhatToDo(top) && i.routineNeed() !== undefined;
  },
  handle: (i, { s, dialogue }) =>
    dialogue.answerTopic(s, dialogue.pickRoutineTopic()!, i.match().confidence, {
      need: i.routineNeed(),
    }),
};
