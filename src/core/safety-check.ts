import type { Reply } from './reply';

/**
 * The unsure tier's one-sentence safety check, put before whatever answers the turn (an answer, a
 * fallback, a routine step): in the display text, in the speech and as its own field, so a channel
 * that shows the reply its own way can still show it. Never put before a safety reply.
 */
export function withSafetyCheck(reply: Reply, check: { text: string; speech: string }): Reply {
  reply.safetyCheck = { text: check.text, speech: check.speech };
  reply.text = `${check.text}\n\n${reply.text}`;
  reply.speech = `${check.speech} ${reply.speech}`;
  reply.speechParts = [{ say: check.speech }, ...reply.speechParts];
  return reply;
}
