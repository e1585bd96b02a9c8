import { Conversation } from '../helpers/pipeline';

/** Moving to a step named by its title during a routine. */
describe('a step named by its title', () => {
  const inStretches = () => {
    const chat = new Conversation();
    expect(chat.say('walk me through neck stretches').routine).toMatchObject({ step: 1 });
    return chat;
  };

  it.each([
    ['skip to the circles', 5],
    ['ugh too slow, jump to the left side', 3],
    ['go to the forward and back one', 4],
  ])('"%s" goes to step %i', (said, step) => {
    const reply = inStretches().say(said);
    expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'go-to-step' });
    expect(reply.routine).toMatchObject({ id: 'neck-stretches', step });
  });

  it('between titles that share the words, takes the first one after the current step', () => {
    const chat = inStretches();
    expect(chat.say('skip to the circles').routine).toMatchObject({ step: 5 });
    expect(chat.say('skip to the circles').routine).toMatchObject({ step: 6 });
  });

  it('leaves step numbers and other commands as they are', () => {
    expect(inStretches().say('go to step 3').routine).toMatchObject({ step: 3 });
    // The massage ball's last step is "Step away": "step" names no step by its title.
    const ball = new Conversation();
    ball.say('walk me through the massage ball');
    expect(ball.say('go to step 3').routine).toMatchObject({ step: 3 });
    expect(ball.say('go back to step 2').routine).toMatchObject({ step: 2 });
    expect(inStretches().say('go back to the start').outcome).toMatchObject({ id: 'start-over' });
  });
});
