import { atStepTwo, Conversation } from '../helpers/pipeline';

/** Putting things off: a pause in a routine, a no to a question of ours. */
describe('a message that puts things off', () => {
  const inBall = () => atStepTwo('walk me through the massage ball', 'massage-ball');

  it.each([
    "hold on someone's at the door, can we carry on later",
    'I have to hop on a call, save my spot',
    'can we pause for now',
  ])('pauses the routine in progress: "%s"', (said) => {
    const reply = inBall().say(said);
    expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'pause' });
  });

  it('is a no to an offer to guide', () => {
    const chat = new Conversation();
    expect(chat.say('how do I use a massage ball on my neck?').outcome.id).toBe(
      'technique-massage-ball',
    );
    const reply = chat.say("I don't even own one so maybe another time");
    expect(reply.outcome).toMatchObject({ kind: 'smalltalk', id: 'no' });
    expect(reply.routine).toBeUndefined();
  });

  it('leaves a question about later alone', () => {
    const reply = inBall().say('is it ok to do this again later today?');
    expect(reply.outcome.id).not.toBe('pause');
    expect(reply.routine).toMatchObject({ step: 2 });
  });
});
