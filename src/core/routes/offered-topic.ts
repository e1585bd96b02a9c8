import type { Route, TurnContext } from './route';
import type { Interpretation } from '../understand/interpretation';

/** The topic we offered next ("You also asked about … want that next?"), when this turn asks it. */
function offered(i: Interpretation, { pending }: TurnContext): string | undefined {
  if (pending?.type !== 'offer-topic' || i.command) return undefined;
  const m = i.match();
  if (m.decision === 'answer' || m.namesOutOfScope) return undefined;
  return m.candidates.slice(0, 3).some((c) => c.id === pending.topic) ? pending.topic : undefined;
}

/**
 * A question after the offer of a second topic that leans to it, though too little to answer on its
 * own ("what about the sleep part?", "and the desk part?"), is answered with the offered topic.
 */
export const offeredTopicRoute: Route = {
  name: 'offered-topic',
  rank: 57,
  canHandle: (i, ctx) => offered(i, ctx) !== undefined,
  handle: (i, ctx) => {
    const topic = offered(i, ctx)!;
    const score = i.match().candidates.find((c) => c.id === topic)!.score;
    return ctx.dialogue.answerTopic(ctx.s, topic, Math.round(score * 100) / 100, {
      need: i.routineNeed(),
    });
  },
};
