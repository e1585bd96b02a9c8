import { MAX_SPEECH_CHARS, toSsml } from '../../../src/channels/alexa/ssml';

describe('SSML from speech parts', () => {
  it('escapes text and strips Markdown', () => {
    expect(toSsml([{ say: 'Tom & Jerry <b>say</b> "hi" **now**' }])).toBe(
      '<speak>Tom &amp; Jerry &lt;b&gt;say&lt;/b&gt; &quot;hi&quot; now</speak>',
    );
  });

  it('splits long pauses into breaks of at most 10 seconds', () => {
    expect(toSsml([{ say: 'Hold.' }, { pauseSeconds: 25 }, { say: 'Release.' }])).toBe(
      '<speak>Hold. <break time="10s"/><break time="10s"/><break time="5s"/> Release.</speak>',
    );
  });

  it('stays under 8,000 characters by dropping whole trailing parts', () => {
    const parts = Array.from({ length: 400 }, (_, i) => ({
      say: `Sentence number ${i} is here & there.`,
    }));
    const ssml = toSsml(parts);
    expect(ssml.length).toBeLessThanOrEqual(MAX_SPEECH_CHARS);
    expect(ssml.endsWith('there.</speak>')).toBe(true);
    expect(ssml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('cuts one over-long sentence at a word rather than saying nothing', () => {
    const ssml = toSsml([{ say: 'Rest & relax. '.repeat(1_000) }]);
    expect(ssml.length).toBeLessThanOrEqual(MAX_SPEECH_CHARS);
    expect(ssml.length).toBeGreaterThan(MAX_SPEECH_CHARS - 40);
    expect(ssml).toMatch(/^<speak>Rest &amp; relax\. /);
    expect(ssml).toMatch(/(Rest|&amp;|relax\.)<\/speak>$/);
  });
});
