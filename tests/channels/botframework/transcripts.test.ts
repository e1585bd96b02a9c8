import { runThroughBotFramework } from '../../helpers/botframework-runner';
import { loadTranscripts } from '../../helpers/transcripts';

describe('transcripts through the Bot Framework TestAdapter', () => {
  it.each(loadTranscripts().map((t) => [t.file, t] as const))('%s', async (_file, t) => {
    expect(await runThroughBotFramework(t)).toEqual([]);
  });
});
