import { clearlyLeads } from '../understand/understand';
import type { Route } from './route';

/**
 * A short question inside a conversation about neck massage ("how long for?", "what actually
 * happens there?") is in scope even when, on its own, it looks out of scope to the matcher: once
 * there is a last topic or a routine, the best topic answers if it clearly leads, unless the
 * question names something the coach does not cover.
 */
export const inContextRoute: Route = {
  name: 'in-context',
  rank: 65,
  canHandle: (i, { s }) => {
    if (s.conversation.lastTopic === undefined && s.conversation.routine === undefined)
      return false;
    const m = i.match();
    return m.decision !== 'answer' && clearlyLeads(m);
  },
  handle: (i, { s, dialogue }) => {
    const best = i.match().candidates[0]!;
    return dialogue.answerTopic(s, best.id, Math.round(best.score * 100) / 100, {
      need: i.routineNeed(),
    });
  },
};
