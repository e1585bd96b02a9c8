import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Reply } from '../../src/core/reply';
import { differences, isSingleConversation, loadTranscripts } from '../helpers/transcripts';

const transcripts = loadTranscripts();

describe('transcripts through `neckbot chat --jsonl`', () => {
  const single = transcripts.filter(isSingleConversation);
  const cli = join(__dirname, '..', '..', 'dist', 'cli.js');

  it.each(single.map((t) => [t.file, t] as const))('%s', (_file, t) => {
    const input = t.steps.map((s) => JSON.stringify({ text: s.user })).join('\n');
    const run = spawnSync(process.execPath, [cli, 'chat', '--jsonl'], { input, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const replies = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Reply);
    expect(replies).toHaveLength(t.steps.length);
    const problems = t.steps.flatMap((s, i) =>
      differences(replies[i]!, s.expect).map((d) => `turn ${i + 1}: ${d}`),
    );
    expect(problems).toEqual([]);
  });
});
