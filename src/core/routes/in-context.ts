import { clearlyLeads } from '../understand/understand';
import type { MatchResult } from '../matcher';
import type { Interpretation } from '../understand/interpretation';
import type { Route } from './route';

/**
 * The message on its own when one topic clearly leads; else the message read together with the
 * last topic, when that reading answers or clearly leads.
 */
function reading(i: Interpretation): MatchResult | undefined {
  const m = i.match();
  if (m.decision === 'answer') return undefined;
  if (clearlyLeads(m)) return m;
  const c = i.matchInContext();
  if (c && !m.namesOutOfScope && (c.decision === 'answer' || clearlyLeads(c))) return c;
  return undefined;
}

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
    return reading(i) !== undefined;
  },
  handle: (i, { s, dialogue }) => {
    const best = reading(i)!.candidates[0]!;
    return dialogue.answerTopic(s, best.id, Math.round(best.score * 100) / 100, {
      need: i.routineNeed(),
    });
  },
};
