import { atStepTwo, Conversation } from '../helpers/pipeline';

/** Commands read by meaning while a routine is in progress. */
describe('a step command in a routine', () => {
  const inBall = () => atStepTwo('walk me through the massage ball', 'massage-ball');

  it('counts with less certainty there ("what\'s left")', () => {
    const reply = inBall().say("what's left");
    expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'steps-left' });
    expect(reply.routine).toMatchObject({ id: 'massage-ball', step: 2 });
  });

  it('stands when said as a command beside a clause read only loosely ("ok that\'s it, stop")', () => {
    const reply = inBall().say("ok that's it, stop");
    expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'stop' });
    expect(reply.routine).toBeUndefined();
  });

  it.each(['And the one after that?', 'ok got one. and now?', 'and the other side?'])(
    'moves on when asked what comes after: "%s"',
    (said) => {
      const reply = inBall().say(said);
      expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'next' });
      expect(reply.routine).toMatchObject({ step: 3 });
    },
  );

  it('moves on at "can we go on" (it is no "can we go back")', () => {
    const reply = inBall().say('can we go on');
    expect(reply.outcome.id).not.toBe('previous');
    expect(reply.routine).toMatchObject({ step: 3 });
  });

  it('goes back on "let\'s go back", and moves on at "aight next"', () => {
    const chat = inBall();
    expect(chat.say("let's go back").routine).toMatchObject({ step: 1 });
    expect(chat.say('aight next').routine).toMatchObject({ step: 2 });
  });

  it('never reads a "why" question as a loose no that pauses the routine', () => {
    const reply = inBall().say('why do I need to do that');
    expect(reply.outcome.id).not.toBe('pause');
    expect(reply.routine).toMatchObject({ step: 2 });
  });

  it('needs the usual certainty with no routine in progress', () => {
    const chat = new Conversation();
    expect(chat.say("what's left").outcome.kind).not.toBe('navigation');
  });

  it("gives way to the step's own help", () => {
    const chat = new Conversation();
    chat.say('walk me through neck stretches');
    chat.say('next');
    const reply = chat.say('how far should I tilt?');
    expect(reply.outcome).toMatchObject({ kind: 'answer', id: 'step-help' });
  });

  it('ends the routine on "i\'m done, that\'s it for me"', () => {
    const reply = inBall().say("i'm done, that's it for me");
    expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'stop' });
    expect(reply.routine).toBeUndefined();
  });

  it('reads "one" after "this" or "that" as a step, not as step one', () => {
    const reply = inBall().say('how many left after that one');
    expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'steps-left' });
    expect(reply.routine).toMatchObject({ id: 'massage-ball', step: 2 });
  });
});
