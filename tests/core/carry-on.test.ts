import { Conversation } from '../helpers/pipeline';

describe('"carry on" in a routine', () => {
  it('moves on when said right after a step, with nothing to come back to', () => {
    const chat = new Conversation();
    expect(chat.say('walk me through the scalp massage').routine).toMatchObject({ step: 1 });
    for (const [said, step] of [
      ['carry on', 2],
      ['keep going', 3],
      ['continue', 4],
    ] as const) {
      const reply = chat.say(said);
      expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'next' });
      expect(reply.routine).toMatchObject({ step });
    }
  });

  it('comes back to the step after a question, without moving on', () => {
    const chat = new Conversation();
    chat.say('walk me through the scalp massage');
    chat.say('next');
    expect(chat.say('how many fingers do i use?').outcome.kind).toBe('answer');
    const reply = chat.say('ok carry on');
    expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'resume' });
    expect(reply.routine).toMatchObject({ step: 2 });
  });
});
