import { Conversation } from '../helpers/pipeline';

/**
 * A command said beside words the coach cannot read stands unless some clause asks a question;
 * then the answer bank may read the message instead.
 */
describe('a command beside words that say nothing to us', () => {
  it('resumes a held routine on "it\'s ok, I feel fine now", with the reminder', () => {
    const chat = new Conversation();
    chat.say('neck stretches routine');
    chat.say('next');
    expect(chat.say('ow that pinched').outcome.id).toBe('precaution-pain-from-massage');
    const reply = chat.say("it's ok, I feel fine now");
    expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'resume' });
    expect(reply.routine).toMatchObject({ id: 'neck-stretches', step: 2 });
    expect(reply.reminder).toEqual(['precaution-pain-from-massage']);
  });

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

describe('while a routine is in progress', () => {
  it('resumes after an injury mention on "it\'s totally healed and I feel fine, continue please"', () => {
    const chat = new Conversation();
    chat.say('walk me through circular friction');
    chat.say('next');
    expect(chat.say('I had whiplash a few years ago').outcome.id).toBe('precaution-injury');
    const reply = chat.say("it's totally healed and I feel fine, continue please");
    expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'resume' });
    expect(reply.routine).toMatchObject({ id: 'circular-friction', step: 2 });
    expect(reply.reminder).toEqual(['precaution-injury']);
  });
});
