import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
const run = (args: string[], input = '') =>
  spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });

describe('neckbot classify (the contract of shared/spec/topics.md)', () => {
  it('writes one JSON line per input line, plain or {"text": ...}', () => {
    const out = run(
      ['classify'],
      'is it safe to massage my neck\n{"text": "I feel dizzy"}\n\nwhat is the weather\n' +
        'my yoga teacher keeps going on about the sternocleidomastoid, where would I find it and what is it for\n',
    );
    expect(out.status).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      text: 'is it safe to massage my neck',
      kind: 'answer',
      id: 'is-neck-massage-safe',
    });
    expect(lines[1]).toMatchObject({
      text: 'I feel dizzy',
      kind: 'precaution',
      id: 'precaution-dizziness',
    });
    expect(lines[2]).toMatchObject({ kind: 'fallback', id: 'fallback' });
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['text', 'kind', 'id', 'confidence']);
      expect(line.confidence).toEqual(expect.any(Number));
      // two decimals, as in the contract's example: 0.93, never 0.9299999999999999
      expect(String(line.confidence)).toMatch(/^(0|1)(\.\d{1,2})?$/);
    }
  });

  it('stops quietly when the reader closes the pipe early (classify | head -1)', async () => {
    const child = spawn(process.execPath, [cli, 'classify']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.on('error', () => undefined); // the child may exit before all input is written
    child.stdin.end('is it safe to massage my neck\n'.repeat(20_000));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).not.toMatch(/EPIPE|at /);
    expect(code).toBe(0);
  });

  it('classifies each line as a fresh conversation', () => {
    const out = run(['classify'], 'start neck stretches\nnext\n');
    const [, second] = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; id: string });
    expect(second).toMatchObject({ kind: 'navigation', id: 'next' });
  });
});

describe('neckbot ask and chat --jsonl', () => {
  it('ask prints the reply text, or the whole Reply with --json', () => {
    expect(run(['ask', 'what are the benefits of neck massage']).stdout).toMatch(/\w+/);
    const json = JSON.parse(run(['ask', '--json', 'hi']).stdout) as { outcome: { kind: string } };
    expect(json.outcome.kind).toBe('smalltalk');
  });

  it('chat --jsonl keeps state across lines and reports the routine position', () => {
    const out = run(['chat', '--jsonl'], 'walk me through neck stretches\nnext\n');
    const replies = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { routine?: { step: number } });
    expect(replies.map((r) => r.routine?.step)).toEqual([1, 2]);
  });

  it('fails with a clear message and exit code 2 on bad usage', () => {
    const out = run(['frobnicate']);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/unknown command "frobnicate"/);
    expect(run(['ask']).status).toBe(2);
  });

  it('rejects a bad SAVED_ROUTINE_TTL_HOURS with a clear message', () => {
    const out = spawnSync(process.execPath, [cli, 'ask', 'hi'], {
      encoding: 'utf8',
      env: { ...process.env, SAVED_ROUTINE_TTL_HOURS: 'soon' },
    });
    expect(out.status).toBe(0); // ask does not use the TTL
    const chat = spawnSync(process.execPath, [cli, 'chat', '--jsonl'], {
      input: 'hi\n',
      encoding: 'utf8',
      env: { ...process.env, SAVED_ROUTINE_TTL_HOURS: 'soon' },
    });
    expect(chat.status).toBe(1);
    expect(chat.stderr).toMatch(/SAVED_ROUTINE_TTL_HOURS must be a positive number/);
  });
});
