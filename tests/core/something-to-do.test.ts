import { Conversation } from '../helpers/pipeline';

/** Asking for something to do, rather than about something, picks a routine. */
describe('a request for something to do', () => {
  it.each([
    ['got anything for tight shoulders?', 'kneading'],
    ["what's a good one to start with", 'neck-stretches'],
    ['anything I can do before bed to unwind my neck?', 'scalp-massage'],
  ])('"%s" gets the routine to pick, offering %s', (said, routine) => {
    const chat = new Conversation();
    const reply = chat.say(said);
    expect(reply.outcome).toMatchObject({ kind: 'answer', id: 'choose-routine' });
    expect(chat.say('sounds good').outcome).toMatchObject({ kind: 'routine', id: routine });
  });

  it('reads "what can I do" with a need as a request, but never beside a health signal', () => {
    const say = (text: string) => new Conversation().say(text).outcome;
    expect(say("I've got like 2 minutes between calls, what can I do for my neck").id).toBe(
      'choose-routine',
    );
    expect(say('what can I do if it starts to hurt?').id).not.toBe('choose-routine');
  });

  it('leaves an answer that tells what to do, a benefit asked about, and out of scope alone', () => {
    const say = (text: string) => new Conversation().say(text).outcome;
    expect(
      say(
        "I'd love something I can do on my own during breaks. What self-massage options are there for the neck?",
      ).id,
    ).toBe('self-massage');
    expect(say('does a neck massage do anything for blood flow?').id).toBe('benefit-circulation');
    expect(say('which one is the best massage gun to buy?').id).not.toBe('choose-routine');
  });
});
