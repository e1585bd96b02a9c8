import type { Reply, SpeechPart } from '../../core/reply';
import { sentencesOf } from '../../core/sentences';
import { plainSpeech } from '../../core/templates';

export interface VoiceQuestion {
  /** The speech to say: the reply's own, with `followUp` added when it asked nothing. */
  parts: readonly SpeechPart[];
  /** Said when the person is silent; undefined when the session ends. */
  reprompt?: string;
}

/** The last question a speech asks ("Would you like me to guide you through Kneading?"). */
export function lastQuestion(speech: string): string | undefined {
  return sentencesOf(plainSpeech(speech))
    .filter((s) => s.endsWith('?'))
    .at(-1);
}

/**
 * A session left open must end on a question, and its reprompt repeats that question: the reply's
 * own reprompt (a routine step's), else the last question its speech asks, else `followUp`, which
 * is then also said.
 */
export function voiceQuestion(reply: Reply, followUp: string): VoiceQuestion {
  if (!reply.keepOpen) return { parts: reply.speechParts };
  const own = reply.reprompt ?? lastQuestion(reply.speech);
  if (own) return { parts: reply.speechParts, reprompt: own };
  return { parts: [...reply.speechParts, { say: followUp }], reprompt: followUp };
}
