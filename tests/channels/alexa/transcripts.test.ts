import { runThroughAlexa } from '../../helpers/alexa-runner';
import { loadTranscripts } from '../../helpers/transcripts';

describe('transcripts through the Alexa skill (skill.invoke)', () => {
  it.each(loadTranscripts().map((t) => [t.file, t] as const))('%s', async (_file, t) => {
    expect(await runThroughAlexa(t)).toEqual([]);
  });
});
