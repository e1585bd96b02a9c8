import { atStepTwo, Conversation } from '../helpers/pipeline';

/** What a message that names the routine in progress, or another one, does to it. */
describe('naming a routine while one is in progress', () => {
  const inKneading = () => atStepTwo('walk me through kneading', 'kneading');

  it('reads a command on the routine in progress as that command', () => {
    for (const said of ['stop the kneading', 'ok end the kneading now']) {
      const reply = inKneading().say(said);
      expect(reply.outcome).toMatchObject({ kind: 'navigation', id: 'stop' });
      expect(reply.routine).toBeUndefined();
    }
  });

  it('still answers a question that names it, and keeps the place', () => {
    const reply = inKneading().say('how long should I keep up the kneading?');
    expect(reply.outcome.kind).not.toBe('navigation');
    expect(reply.routine).toMatchObject({ id: 'kneading', step: 2 });
  });

  it('asks before leaving it for another routine, unless the person has changed their mind', () => {
    const asked = inKneading().say('start scalp massage');
    expect(asked.routine).toMatchObject({ id: 'kneading', step: 2 });
    for (const said of [
      "let's do scalp massage instead",
      'switch to scalp massage',
      "ok let's switch to the scalp massage",
    ]) {
      const reply = inKneading().say(said);
      expect(reply.outcome).toMatchObject({ kind: 'routine', id: 'scalp-massage' });
      expect(reply.routine).toMatchObject({ id: 'scalp-massage', step: 1 });
    }
  });
});

describe('asking for a routine in everyday words', () => {
  it.each([
    ['walk me through the scalp one', 'scalp-massage'],
    ['circular friction walkthrough', 'circular-friction'],
    ["I'd like to try the neck stretches, one step at a time", 'neck-stretches'],
    ['trigger point sounds right, walk me through', 'trigger-point-release'],
  ])('"%s" starts %s', (said, id) => {
    expect(new Conversation().say(said).outcome).toMatchObject({ kind: 'routine', id });
  });

  it('a question about "the X one" still asks', () => {
    expect(new Conversation().say('is the scalp one good for sleep?').outcome.kind).toBe('answer');
  });
});
