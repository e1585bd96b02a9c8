import type { ResponseBuilder } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { aplDirective, holdTiming } from './apl';
import type { Reply } from '../../core/reply';
import { plainText } from '../../core/templates';
import { voiceQuestion } from './reprompt';
import { escapeXml, toSsml } from './ssml';

/** Alexa rejects a response over 24 KB; stay well below it. */
export const MAX_RESPONSE_BYTES = 24 * 1024;
const CARD_TITLE = 'Neck Massage Coach';

/**
 * A core Reply as an Alexa response: SSML speech, a reprompt whenever the session stays open (the
 * question the reply asked; `followUp` is asked and repeated when it asked none), and a simple card
 * with the display text. Emergencies, pauses and goodbyes end the session.
 */
export function responseFromReply(
  reply: Reply,
  builder: ResponseBuilder,
  followUp: string,
  screen = false,
): Response {
  const voice = voiceQuestion(reply, followUp);
  const speech = toSsml(voice.parts);
  builder.speak(speech);
  const cardText = plainText(reply.text).slice(0, 4000);
  if (cardText) builder.withSimpleCard(reply.card?.title ?? CARD_TITLE, cardText);
  if (screen && reply.card && reply.card.style !== 'info') {
    builder.addDirective(aplDirective(reply.card, holdTiming(reply.speechParts)));
  }
  const reprompt = voice.reprompt ? `<speak>${escapeXml(voice.reprompt)}</speak>` : undefined;
  if (reprompt) builder.reprompt(reprompt);
  else builder.withShouldEndSession(true);
  const response = builder.getResponse();
  // Measuring means serialising the whole response again: only when it could come near the limit.
  // A UTF-16 unit is at most 6 bytes of JSON ("\u001f"); the rest of the envelope is small.
  const units = speech.length + (reprompt?.length ?? 0) + cardText.length + 1024;
  if ((response.directives || units * 6 > MAX_RESPONSE_BYTES) && tooLarge(response)) {
    // Never expected with our content; drop the card rather than fail the turn.
    delete response.card;
  }
  return response;
}

function tooLarge(response: Response): boolean {
  return Buffer.byteLength(JSON.stringify(response)) > MAX_RESPONSE_BYTES;
}
