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

  it.each([
    // "how do I do it?": the technique that does what a benefit is about,
    [
      'can a massage loosen up tight muscles in my neck?',
      'ok so how do I do it?',
      'technique-kneading',
    ],
    // or, a step further, the safe techniques after the safety answer.
    ['is it safe to massage my neck?', 'right, so how do I do it then?', 'techniques'],
    // Asked in other words: "why would that work", "how does one do it".
    [
      'Can rubbing my neck do anything for tension headaches?',
      'why would that work',
      'benefit-headache-relief',
    ],
    ['how does a scalp massage help my neck', 'How does one do it properly?', 'self-scalp-massage'],
    // Doubting the last answer asks for it again.
    [
      'is it actually safe to massage the back of the neck',
      'are you sure? my chiropractor said never touch it',
      'is-neck-massage-safe',
    ],
  ])('after "%s", answers "%s" with %s', (first, question, id) => {
    const chat = new Conversation();
    expect(chat.say(first).outcome.kind).toBe('answer');
    expect(chat.say(question).outcome).toMatchObject({ kind: 'answer', id });
  });

  it('answers a general follow-up again from the topic just given when that topic answers it', () => {
    const question = 'would half an hour be too long?';
    expect(classify(question).kind).toBe('fallback');
    const chat = new Conversation();
    expect(chat.say('how often should I massage my neck?').outcome.id).toBe('duration-frequency');
    expect(chat.say(question).outcome).toMatchObject({ kind: 'answer', id: 'duration-frequency' });
  });

  it('never answers "how do I do it?" with another benefit', () => {
    const chat = new Conversation();
    chat.say('what are the benefits of neck massage');
    expect(chat.say('ok so how do I do it?').outcome.id).not.toMatch(/^benefit-/);
  });

  it('gives a remark no topic from its context', () => {
    const chat = new Conversation();
    chat.say('how do I use a massage ball?');
    expect(chat.say('my cat is asleep on the sofa').outcome.kind).toBe('fallback');
  });
});

describe('commands in the words of a conversation', () => {
  it.each([
    // a pronoun for the routine just offered,
    ['how do I do neck stretches', 'ok let us do them', 'neck-stretches'],
    // and "alright then" as a yes, not as a question whether it is alright.
    ['how do I do circular friction?', 'alright then', 'circular-friction'],
  ])('after "%s", starts the routine offered on "%s"', (first, yes, id) => {
    const chat = new Conversation();
    chat.say(first);
    expect(chat.say(yes).outcome).toMatchObject({ kind: 'routine', id });
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

describe('what the routine in progress is for', () => {
  it.each([
    ['walk me through neck stretches', 'self-neck-stretches'],
    ['trigger point release, walk me through it', 'self-trigger-point-release'],
  ])('after "%s", asking what it is for answers %s and keeps the routine', (start, topic) => {
    for (const question of ['what is it good for?', 'what does this do?']) {
      const chat = new Conversation();
      const started = chat.say(start);
      expect(started.outcome.kind).toBe('routine');
      chat.say('next');
      const reply = chat.say(question);
      expect(reply.outcome).toMatchObject({ kind: 'answer', id: topic });
      expect(reply.routine).toMatchObject({ step: 2 });
    }
  });
});

describe('a question read loosely as a command', () => {
  it('gives way to the answer its context gives it, outside a routine', () => {
    const question = "and if I'm not sure?";
    const chat = new Conversation();
    expect(chat.say('what counts as a warning sign').outcome.id).toBe('warning-signs');
    expect(chat.say(question).outcome.kind).toBe('answer');
  });

  it.each(["let's go", 'bet lets go'])('hears "%s" after an offer as a yes', (said) => {
    const chat = new Conversation();
    chat.say('how does trigger point release work');
    expect(chat.say(said).outcome).toMatchObject({ kind: 'routine', id: 'trigger-point-release' });
  });

  it('gives way after a question of ours too, unless it is a yes or no', () => {
    const chat = new Conversation();
    const first = chat.say("how do I massage my boyfriend's neck and how long should it take");
    expect(first.text).toMatch(/You also asked/);
    expect(chat.say('how long though').outcome).toMatchObject({
      kind: 'answer',
      id: 'duration-frequency',
    });
  });

  it('stays a yes when it answers a question of ours', () => {
    const chat = new Conversation();
    expect(chat.say('can you explain the massage ball thing').outcome.id).toBe(
      'technique-massage-ball',
    );
    expect(chat.say('please do walk me through it').outcome).toMatchObject({
      kind: 'routine',
      id: 'massage-ball',
    });
  });
});
