import type { SpeechPart } from '../../core/reply';
import { plainSpeech } from '../../core/templates';

/** Alexa caps a single <break> at 10 s and an output speech at 8,000 characters. */
export const MAX_BREAK_SECONDS = 10;
export const MAX_SPEECH_CHARS = 8000;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * SSML from channel-neutral speech parts: every text escaped, pauses split into breaks of at most
 * 10 s, and the whole kept under the speech limit by dropping trailing parts (never mid-tag).
 */
export function toSsml(parts: readonly SpeechPart[]): string {
  const pieces: string[] = [];
  let length = '<speak></speak>'.length;
  for (const part of parts) {
    const piece =
      'say' in part
        ? escapeXml(plainSpeech(part.say))
        : breaks(part.pauseSeconds)
            .map((s) => `<break time="${s}s"/>`)
            .join('');
    if (!piece) continue;
    if (length + piece.length + 1 > MAX_SPEECH_CHARS) {
      // Whole trailing parts are dropped; but a first part too long on its own is cut after its
      // last whole word that fits, so the speech is never empty.
      const room = MAX_SPEECH_CHARS - length - 1;
      const cut =
        pieces.length === 0 && 'say' in part ? wordsWithin(plainSpeech(part.say), room) : '';
      if (cut) pieces.push(cut);
      break;
    }
    pieces.push(piece);
    length += piece.length + 1;
  }
  return `<speak>${pieces.join(' ')}</speak>`;
}

/** As many whole words as fit in `room` characters once escaped. */
function wordsWithin(text: string, room: number): string {
  let out = '';
  for (const word of text.split(' ')) {
    const next = out ? `${out} ${escapeXml(word)}` : escapeXml(word);
    if (next.length > room) break;
    out = next;
  }
  return out;
}

function breaks(seconds: number): number[] {
  const out: number[] = [];
  for (let left = Math.max(0, Math.round(seconds)); left > 0; left -= MAX_BREAK_SECONDS) {
    out.push(Math.min(MAX_BREAK_SECONDS, left));
  }
  return out;
}
