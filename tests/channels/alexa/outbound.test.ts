import { ResponseFactory } from 'ask-sdk-core';
import { MAX_RESPONSE_BYTES, responseFromReply } from '../../../src/channels/alexa/outbound';
import type { Reply } from '../../../src/core/reply';

function reply(text: string, say: string): Reply {
  return {
    outcome: { kind: 'answer', id: 'benefits', confidence: 1 },
    text,
    speech: say,
    speechParts: [{ say }],
    suggestions: [],
    keepOpen: true,
  };
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('Alexa responses near the 24 KB limit', () => {
  it('keep the card when there is room', () => {
    const response = responseFromReply(
      reply('A short answer.', 'A short answer.'),
      ResponseFactory.init(),
      'What next?',
    );
    expect(response.card).toBeDefined();
  });

  it('drop the card, not the answer, when speech and card together would exceed it', () => {
    // Speech stops at 8,000 characters and the card at 4,000; in three-byte characters that is over.
    const response = responseFromReply(
      reply('€'.repeat(5_000), '€€€€ '.repeat(4_000).trim()),
      ResponseFactory.init(),
      'What next?',
    );
    expect(response.card).toBeUndefined();
    expect(JSON.stringify(response.outputSpeech)).toContain('€€€€ €€€€');
    expect(bytes(response)).toBeLessThan(MAX_RESPONSE_BYTES);
  });
});
