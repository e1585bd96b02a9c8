import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResponseFactory } from 'ask-sdk-core';
import { createPipeline } from '../app';
import { responseFromReply } from '../channels/alexa/outbound';
import type { RoutineStep } from '../content/schema';
import { emptySession } from '../core/session';
import { textTurn } from '../core/turn';

/**
 * `npm run render:audio -- <routine> [--out DIR]`: each step of a routine as the Alexa skill says
 * it, rendered to WAV with espeak-ng, and its length next to the hold or repetition time in content.
 * espeak-ng plays a lone <break> but drops a second one right after it, so the SSML is cut at every
 * break: the words are rendered by espeak-ng, each break is silence of its length (sox), and the
 * pieces are joined in order. Needs `espeak-ng` and `sox` (apt-get install espeak-ng sox).
 */
const RATE = '22050';
const BREAK = /<break time="(\d+(?:\.\d+)?)s"\/>/g;

interface Piece {
  kind: 'words' | 'break';
  file: string;
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function seconds(file: string): number {
  return Number(run('soxi', ['-D', file]).trim());
}

/** The pieces of one SSML string, rendered into `dir` as `prefix-N.wav`. */
function renderPieces(ssml: string, dir: string, prefix: string): Piece[] {
  const inner = ssml.replace(/^<speak>/, '').replace(/<\/speak>$/, '');
  const pieces: Piece[] = [];
  let last = 0;
  const add = (kind: Piece['kind'], make: (file: string) => void) => {
    const file = join(dir, `${prefix}-${pieces.length}.wav`);
    make(file);
    pieces.push({ kind, file });
  };
  const words = (text: string) => {
    if (!text.trim()) return;
    add('words', (file) => run('espeak-ng', ['-m', '-w', file, `<speak>${text.trim()}</speak>`]));
  };
  for (const match of inner.matchAll(BREAK)) {
    words(inner.slice(last, match.index));
    const length = match[1]!;
    add('break', (file) =>
      run('sox', ['-n', '-r', RATE, '-c', '1', '-b', '16', file, 'trim', '0', length]),
    );
    last = match.index + match[0].length;
  }
  words(inner.slice(last));
  return pieces;
}

/** What content says the step's timed part lasts. */
function contentTiming(step: RoutineStep): { label: string; seconds: number } | undefined {
  const hold = step.hold;
  if (!hold) return undefined;
  if ('seconds' in hold)
    return { label: `${hold.kind ?? 'hold'} ${hold.seconds} s`, seconds: hold.seconds };
  return {
    label: `${hold.repetitions} ${hold.unit} x ${hold.pace} s`,
    seconds: hold.repetitions * hold.pace,
  };
}

function main(argv: string[]): void {
  const routineId = argv.find((a) => !a.startsWith('--'));
  const outAt = argv.indexOf('--out');
  const pipeline = createPipeline();
  const routine = pipeline.content.routines.find((r) => r.id === routineId);
  if (!routine) {
    const ids = pipeline.content.routines.map((r) => r.id).join(', ');
    console.error(`usage: npm run render:audio -- <routine> [--out DIR]; routines: ${ids}`);
    process.exitCode = 2;
    return;
  }
  for (const tool of ['espeak-ng', 'sox', 'soxi']) {
    try {
      run('sh', ['-c', `command -v ${tool}`]);
    } catch {
      console.error(`${tool} is missing: apt-get install espeak-ng sox`);
      process.exitCode = 2;
      return;
    }
  }
  const out =
    outAt >= 0 && argv[outAt + 1] ? argv[outAt + 1]! : join(tmpdir(), `audio-${routine.id}`);
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'render-'));

  let state = emptySession();
  const say = (text: string) => {
    const result = pipeline.respond(textTurn(text), state, Date.now());
    state = result.state;
    return result.reply;
  };
  console.log(`${routine.title}: each step as the Alexa skill speaks it (espeak-ng)`);
  console.log('step  title                      content timing            timed part  whole step');
  try {
    for (let n = 1; n <= routine.steps.length; n++) {
      const reply = n === 1 ? say(`start ${routine.names[0]!}`) : say('next');
      const response = responseFromReply(reply, ResponseFactory.init(), '');
      const ssml = (response.outputSpeech as { ssml: string }).ssml;
      const pieces = renderPieces(ssml, work, `step${n}`);
      const file = join(out, `step-${n}.wav`);
      if (pieces.length === 1) run('sox', [pieces[0]!.file, file]);
      else run('sox', [...pieces.map((p) => p.file), file]);
      const lengths = pieces.map((p) => seconds(p.file));
      const first = pieces.findIndex((p) => p.kind === 'break');
      const lastBreak = pieces.map((p) => p.kind).lastIndexOf('break');
      const timed = first < 0 ? 0 : lengths.slice(first, lastBreak + 1).reduce((a, b) => a + b, 0);
      const step = routine.steps[n - 1]!;
      const expected = contentTiming(step);
      console.log(
        [
          String(n).padEnd(5),
          step.title.padEnd(26),
          (expected?.label ?? '-').padEnd(25),
          (first < 0 ? '-' : `${timed.toFixed(1)} s`).padEnd(11),
          `${seconds(file).toFixed(1)} s`,
        ].join(' '),
      );
    }
    console.log(`WAV files in ${out}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
