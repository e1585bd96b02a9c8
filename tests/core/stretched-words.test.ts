import { classify, Conversation } from '../helpers/pipeline';

/** Words typed with a letter held down, read as the word meant. */
describe('stretched words', () => {
  it('reads a greeting held down before a request as the request ("heyyy can u help")', () => {
    expect(new Conversation().say('heyyy can u help').outcome).toMatchObject({
      kind: 'smalltalk',
      id: 'help',
    });
  });

  it('greets on "hiii" and "heyy"', () => {
    for (const said of ['hiii', 'heyy'])
      expect(new Conversation().say(said).outcome).toMatchObject({
        kind: 'smalltalk',
        id: 'greeting',
      });
  });

  it('reads a doubled last letter or consonant as one, exactly', () => {
    expect(classify('can i rub round a scabb on my neck')).toMatchObject({
      id: 'precaution-open-wound',
      confidence: 1,
    });
  });
});
