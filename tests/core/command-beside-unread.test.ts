import { Conversation } from '../helpers/pipeline';

/**
 * A command said beside words the coach cannot read stands unless some clause asks a question;
 * then the answer bank may read the message instead.
 */
describe('a command beside words that say nothing to us', () => {
  it('takes "no, I don\'t want a routine" as a no to the offer', () => {
    const chat = new Conversation();
    expect(chat.say('which routine should I pick?').outcome.id).toBe('choose-routine');
    const reply = chat.say("no, I don't want a routine");
    expect(reply.outcome).toMatchObject({ kind: 'smalltalk', id: 'no' });
    expect(reply.routine).toBeUndefined();
  });

  it('leaves a message with a question clause to the bank', () => {
    const chat = new Conversation();
    expect(chat.say('which techniques are safe?').outcome.id).toBe('techniques');
    expect(chat.say('the ball one sounds easiest, how does it work').outcome).toMatchObject({
      kind: 'answer',
      id: 'technique-massage-ball',
    });
  });
});

describe('with no routine to move', () => {
  it('answers the request beside a step word ("I need a break" pauses nothing)', () => {
    const reply = new Conversation().say(
      'These spreadsheets are so dull, I need a break. Scalp massage please.',
    );
    expect(reply.outcome).toMatchObject({ kind: 'answer', id: 'self-scalp-massage' });
  });

  it('reads a longer question about the coach itself', () => {
    const reply = new Conversation().say(
      'are you a bot or a real person typing these messages to me?',
    );
    expect(reply.outcome).toMatchObject({ kind: 'smalltalk', id: 'about-coach' });
  });
});

describe('after a precaution holds the routine in progress', () => {
  it.each([
    // beside words that say nothing to us,
    [
      'neck stretches routine',
      'ow that pinched',
      'precaution-pain-from-massage',
      "it's ok, I feel fine now",
    ],
    // and beside a longer remark, said as a step command.
    [
      'walk me through circular friction',
      'I had whiplash a few years ago',
      'precaution-injury',
      "it's totally healed and I feel fine, continue please",
    ],
  ])('after "%s", "%s" (%s), resumes on "%s" with the reminder', (start, sign, id, resume) => {
    const chat = new Conversation();
    const routine = chat.say(start).routine!.id;
    chat.say('next');
    expect(chat.say(sign).outcome.id).toBe(id);
    const reply = chat.say(resume);
    expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'resume' });
    expect(reply.routine).toMatchObject({ id: routine, step: 2 });
    expect(reply.reminder).toEqual([id]);
  });
});
