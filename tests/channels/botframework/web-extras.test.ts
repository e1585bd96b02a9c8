import type { Reply } from '../../../src/core/reply';
import { activitiesFromReply } from '../../../src/channels/botframework/outbound';

/** A step reply as the routine engine builds it: a 10 s hold led by speech with one pause. */
function stepReply(card: Partial<NonNullable<Reply['card']>> = {}): Reply {
  return {
    outcome: { kind: 'routine', id: 'neck-stretches', confidence: 1 },
    text: 'Step 2 of 6',
    speech: 'Step 2 of 6. Tilt. Hold it there for 10 seconds. Good.',
    speechParts: [
      { say: 'Step 2 of 6. Tilt.' },
      { say: 'Hold it there for 10 seconds.' },
      { pauseSeconds: 6 },
      { say: '4.' },
      { pauseSeconds: 4 },
      { say: 'Good.' },
    ],
    suggestions: [],
    card: {
      title: 'Gentle neck stretches',
      lines: ['Tilt', 'Tilt your head.'],
      buttons: [{ label: 'Next', value: 'next' }],
      style: 'step',
      progress: { step: 2, total: 6, label: 'Step 2 of 6' },
      hold: 'Hold for **10 seconds**.',
      ...card,
    },
    keepOpen: true,
    routine: { id: 'neck-stretches', step: 2, total: 6 },
  };
}

function channelData(reply: Reply, channel: string): Record<string, unknown> {
  return activitiesFromReply(reply, channel)[0]!.channelData as Record<string, unknown>;
}

test('the web chat page gets the hold seconds (the pauses summed) and the speech parts', () => {
  const reply = stepReply();
  const data = channelData(reply, 'webchat');
  expect(data.hold).toEqual({ seconds: 10 });
  expect(data.speech).toEqual(reply.speechParts);
});

test('a step without a hold has no timer; other channels get neither field', () => {
  const noHold = stepReply({ hold: undefined });
  expect(channelData(noHold, 'webchat').hold).toBeUndefined();
  expect(channelData(stepReply(), 'msteams')).not.toHaveProperty('hold');
  expect(channelData(stepReply(), 'msteams')).not.toHaveProperty('speech');
});
