import { classify, Conversation } from '../helpers/pipeline';

describe('a follow-up question read against the conversation', () => {
  it('answers a question that names no topic with the topic its context makes clear', () => {
    const question = 'what should I stay away from?';
    expect(classify(question)).toMatchObject({ kind: 'fallback' });
    const chat = new Conversation();
    chat.say('how do I use a massage ball?');
    expect(chat.say(question).outcome).toMatchObject({ kind: 'answer', id: 'areas-to-avoid' });
  });

  it('reads a question during a routine against the routine', () => {
    const question = 'is it normal to feel a pull in my shoulder?';
    expect(classify(question)).toMatchObject({ kind: 'fallback' });
    const chat = new Conversation();
    expect(chat.say('walk me through neck stretches').outcome).toMatchObject({
      kind: 'routine',
      id: 'neck-stretches',
    });
    const reply = chat.say(question);
    expect(reply.outcome.kind).toBe('answer');
    expect(reply.routine).toMatchObject({ id: 'neck-stretches', step: 1 });
  });

  it('never answers a follow-up with the answer just given', () => {
    const chat = new Conversation();
    chat.say('is it safe to massage my neck?');
    for (const question of ['can it go wrong?', 'what if I overdo it?', 'does it hurt?']) {
      const reply = chat.say(question);
      expect(reply.outcome.id).not.toBe('is-neck-massage-safe');
    }
  });

  it('reads "it" as neck massage when the last topic\'s words do not answer the question', () => {
    const question = 'what else is it good for?';
    expect(classify(question)).toMatchObject({ kind: 'fallback' });
    const chat = new Conversation();
    expect(chat.say('can massaging my neck help circulation').outcome.id).toBe(
      'benefit-circulation',
    );
    expect(chat.say(question).outcome).toMatchObject({ kind: 'answer', id: 'benefits' });
  });

  it('answers "how do I do it?" after a benefit with the technique that does it', () => {
    const chat = new Conversation();
    expect(chat.say('can a massage loosen up tight muscles in my neck?').outcome.id).toBe(
      'benefit-muscle-tension',
    );
    expect(chat.say('ok so how do I do it?').outcome).toMatchObject({
      kind: 'answer',
      id: 'technique-kneading',
    });
  });

  it('answers "how do I do it?" after the safety answer with the safe techniques', () => {
    const chat = new Conversation();
    chat.say('is it safe to massage my neck?');
    expect(chat.say('right, so how do I do it then?').outcome).toMatchObject({
      kind: 'answer',
      id: 'techniques',
    });
  });

  it('gives a remark no topic from its context', () => {
    const chat = new Conversation();
    chat.say('how do I use a massage ball?');
    expect(chat.say('my cat is asleep on the sofa').outcome.kind).toBe('fallback');
  });
});

describe('commands in the words of a conversation', () => {
  it('starts the routine just offered when asked with a pronoun', () => {
    const chat = new Conversation();
    chat.say('how do I do neck stretches');
    expect(chat.say('ok let us do them').outcome).toMatchObject({
      kind: 'routine',
      id: 'neck-stretches',
    });
  });

  it('takes "alright then" as a yes to the offer, not as a question whether it is alright', () => {
    const chat = new Conversation();
    chat.say('how do I do circular friction?');
    expect(chat.say('alright then').outcome).toMatchObject({
      kind: 'routine',
      id: 'circular-friction',
    });
  });

  it('hears "got it, bye" as a goodbye when there is no routine to move on', () => {
    const chat = new Conversation();
    chat.say('what are the benefits of neck massage');
    expect(chat.say('got it, bye').outcome).toMatchObject({ kind: 'smalltalk', id: 'goodbye' });
  });

  it('still moves on with "got it, thanks" in a routine', () => {
    const chat = new Conversation();
    chat.say('walk me through neck stretches');
    const reply = chat.say('got it, thanks');
    expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'next' });
    expect(reply.routine?.step).toBe(2);
  });
});
