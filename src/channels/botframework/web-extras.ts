import type { Reply, SpeechPart } from '../../core/reply';

/** What the web chat page needs beyond the card to coach: the hold to time and the words to say. */
export interface WebPageExtras {
  /** The step's hold, as the seconds the voice channels pause for (their pauses summed). */
  hold?: { seconds: number };
  /** The reply's speech as sentences and pauses, for the page's voice mode. */
  speech: SpeechPart[];
}

export function webPageExtras(reply: Reply): WebPageExtras {
  const seconds = reply.speechParts.reduce(
    (sum, part) => sum + ('pauseSeconds' in part ? part.pauseSeconds : 0),
    0,
  );
  const timed = reply.card?.style === 'step' && reply.card.hold !== undefined && seconds > 0;
  return { ...(timed ? { hold: { seconds } } : {}), speech: reply.speechParts };
}
