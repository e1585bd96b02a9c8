import { Conversation } from '../helpers/pipeline';

/** A message with two questions: the first is answered and the second offered next. */
describe('a second question in one message', () => {
  it('is offered next when the message asks it', () => {
    const reply = new Conversation().say(
      'what are the benefits of neck massage, and how often should I do it?',
    );
    expect(reply.outcome.kind).toBe('answer');
    expect(reply.text).toMatch(/You also asked about \*\*[^*]+\*\*\. Want that next\?$/);
  });

  it('is not made up from a statement around the question', () => {
    const reply = new Conversation().say(
      "My sister swears by getting her neck rubbed every week and keeps telling me I should try it, but I'm not really sure what the point is. What are the actual benefits of a neck massage?",
    );
    expect(reply.outcome).toMatchObject({ kind: 'answer', id: 'benefits' });
    expect(reply.text).not.toMatch(/You also asked/);
  });

  it('is not made up from a story with one question, whatever its question part reads as alone', () => {
    for (const message of [
      'My husband gets headaches from a tight neck after work. Would a neck massage help him?',
      'My daughter was curious what the cervical vertebrae are. Could you tell her?',
    ]) {
      const reply = new Conversation().say(message);
      expect(reply.outcome.kind).toBe('answer');
      expect(reply.text).not.toMatch(/You also asked/);
    }
  });

  it('answers the question that opens the message, whichever the whole leans to', () => {
    const reply = new Conversation().say(
      "how do I massage my boyfriend's neck and how long should it take",
    );
    expect(reply.outcome).toMatchObject({ kind: 'answer', id: 'massage-someone-else' });
    expect(reply.text).toMatch(/You also asked about/);
  });

  it('reads a question that leans on the words around it with the whole message', () => {
    const reply = new Conversation().say(
      "When I massage my mum's neck, are there any spots I should keep my hands off?",
    );
    expect(reply.outcome).toMatchObject({ kind: 'answer', id: 'areas-to-avoid' });
  });

  it('is answered when the next message leans to it, though too little to answer alone', () => {
    const chat = new Conversation();
    const first = chat.say('what muscles are in the neck and which ones get tight from desk work?');
    expect(first.outcome.id).toBe('anatomy-muscles');
    expect(first.text).toMatch(/You also asked/);
    expect(chat.say('and the desk part?').outcome).toMatchObject({
      kind: 'answer',
      id: 'benefit-muscle-tension',
    });
  });
});
