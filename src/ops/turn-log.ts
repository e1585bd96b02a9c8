import type { Pipeline } from '../core/pipeline';
import type { Logger } from '../logger';
import type { TurnRecord } from '../state/conversation-service';

/**
 * One log line per turn: channel, outcome, confidence, latency. Never the user's text, never a
 * user or conversation id (so no outcome can be tied to a person). A fallback carries at most four
 * common words saying what it was about, or `safety: true` and no words at all.
 */
export function turnLogger(log: Logger, pipeline: Pipeline): (record: TurnRecord) => void {
  return ({ turn, reply, latencyMs, degraded }) => {
    const { kind, id, confidence } = reply.outcome;
    const fields: Record<string, unknown> = {
      channel: turn.channel,
      kind,
      id,
      confidence: round(confidence),
      latencyMs: round(latencyMs),
    };
    if (degraded) fields.degraded = true;
    if (kind === 'fallback') {
      const topic = pipeline.fallbackTopic(turn);
      if (topic.safetyRelated) fields.safety = true;
      else fields.terms = topic.terms;
    }
    log.info(fields, 'turn');
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
