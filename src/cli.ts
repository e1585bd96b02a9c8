#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createPipeline, savedRoutineTtlMs } from './app';
import { resolve } from 'node:path';
import { DEFAULT_PATHS } from './content/load';
import { formatProblem } from './content/problems';
import { validateContent } from './content/semantic';
import { loadCommonWords } from './core/common-words';
import { NeckbotError } from './core/errors';
import type { Pipeline } from './core/pipeline';
import { formatReport, limitReport, parseTop, readErrorReason, summariseFile } from './ops/report';
import { emptySession } from './core/session';
import { DEFAULT_STATE_SETTINGS, memoryConversations } from './state/defaults';
import { textTurn, type Turn } from './core/turn';

const USAGE = `neckbot — Neck Massage Coach

Usage:
  neckbot chat            talk to the coach in the terminal
  neckbot chat --jsonl    one user turn per input line, one Reply as JSON per output line
  neckbot ask "question"  print the reply text (--json: the whole Reply)
  neckbot classify        one utterance (or {"text": "..."}) per line in, one outcome JSON line out
  neckbot validate [--json] [--content DIR] [--intents DIR]
                          check all content: every error, warning and note with its file and
                          entry (exit 1 on errors)
  neckbot report <logfile> [--top N] [--json]
                          curator report from the server's JSON log (top N rankings, default 10)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        jsonl: { type: 'boolean' },
        json: { type: 'boolean' },
        top: { type: 'string' },
        content: { type: 'string' },
        intents: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (err) {
    // A bad option is a usage error: one line and exit 2, never a stack trace.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`neckbot ${command ?? ''}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (!command || values.help || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'classify':
      await classify(createPipeline());
      return 0;
    case 'ask': {
      const question = positionals.join(' ').trim();
      if (!question) {
        process.stderr.write(
          'neckbot ask: give a question, e.g. neckbot ask "is it safe to massage my neck"\n',
        );
        return 2;
      }
      const { reply } = createPipeline().respond(
        textTurn(question, { channel: 'cli' }),
        emptySession(),
      );
      process.stdout.write(values.json ? `${JSON.stringify(reply)}\n` : `${reply.text}\n`);
      return 0;
    }
    case 'report':
      return report(positionals, values);
    case 'validate':
      return validate(values);
    case 'chat':
      {
        const pipeline = createPipeline(DEFAULT_PATHS, { savedRoutineTtlMs: savedRoutineTtlMs() });
        if (values.jsonl) await chatJsonl(pipeline);
        else await chatInteractive(pipeline);
      }
      return 0;
    default:
      process.stderr.write(`neckbot: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

function validate(values: { json?: boolean; content?: string; intents?: string }): number {
  const paths = {
    content: values.content ? resolve(values.content) : DEFAULT_PATHS.content,
    intents: values.intents ? resolve(values.intents) : DEFAULT_PATHS.intents,
  };
  const problems = validateContent(loadCommonWords(), paths).list;
  const count = (severity: string) => problems.filter((p) => p.severity === severity).length;
  const errors = count('error');
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ problems }, null, 2)}\n`);
  } else {
    for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
    process.stdout.write(
      `${errors} errors, ${count('warning')} warnings, ${count('info')} notes\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

async function report(
  positionals: string[],
  values: { top?: string; json?: boolean },
): Promise<number> {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    process.stderr.write(
      `neckbot report: give one log file, e.g. neckbot report server.log\n\n${USAGE}`,
    );
    return 2;
  }
  const top = parseTop(values.top);
  if (typeof top !== 'number') {
    process.stderr.write(`neckbot report: ${top.error}\n`);
    return 2;
  }
  let summary;
  try {
    summary = await summariseFile(file);
  } catch (err) {
    process.stderr.write(`neckbot report: cannot read ${file}: ${readErrorReason(err)}\n`);
    return 2;
  }
  process.stdout.write(
    values.json
      ? `${JSON.stringify(limitReport(summary, top), null, 2)}\n`
      : formatReport(summary, { top }),
  );
  return 0;
}

/** A JSON line {"text": "..."} or plain text; anything else is taken as plain text. */
function utteranceOf(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      if (
        parsed &&
        typeof parsed === 'object' &&
        'text' in parsed &&
        typeof parsed.text === 'string'
      ) {
        return parsed.text;
      }
    } catch {
      // not JSON after all: classify the line as typed
    }
  }
  return line;
}

async function classify(pipeline: Pipeline): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const text = utteranceOf(line);
    const { reply } = pipeline.respond(
      textTurn(text, { channel: 'cli', conversationId: 'classify' }),
      emptySession(),
    );
    const { kind, id, confidence } = reply.outcome;
    process.stdout.write(`${JSON.stringify({ text, kind, id, confidence })}\n`);
  }
}

/** Conversations in the terminal run through the same state layer as every channel. */
function conversations(pipeline: Pipeline) {
  const ttl = savedRoutineTtlMs();
  return memoryConversations(pipeline, { ...DEFAULT_STATE_SETTINGS, savedRoutineTtlMs: ttl })
    .service;
}

async function chatJsonl(pipeline: Pipeline): Promise<void> {
  const service = conversations(pipeline);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const turn: Turn = textTurn(utteranceOf(line), { channel: 'cli', conversationId: 'jsonl' });
    process.stdout.write(`${JSON.stringify(await service.handle(turn))}\n`);
  }
}

async function chatInteractive(pipeline: Pipeline): Promise<void> {
  const service = conversations(pipeline);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '\nyou> ' });
  const say = async (turn: Turn) => {
    const reply = await service.handle(turn);
    process.stdout.write(`\ncoach> ${reply.text}\n`);
    if (reply.suggestions.length > 0) {
      process.stdout.write(`       [ ${reply.suggestions.map((s) => s.label).join(' | ')} ]\n`);
    }
    return reply;
  };
  await say({ ...textTurn('', { channel: 'terminal' }), type: 'launch' });
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() === '') {
      rl.prompt();
      continue;
    }
    const reply = await say(textTurn(line, { channel: 'terminal' }));
    if (!reply.keepOpen && reply.outcome.id === 'goodbye') break;
    rl.prompt();
  }
  rl.close();
}

// `neckbot classify < lines | head`: the reader has gone, so stop quietly as Unix tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message =
      err instanceof NeckbotError ? err.message : err instanceof Error ? err.message : String(err);
    process.stderr.write(`neckbot: ${message}\n`);
    process.exitCode = 1;
  },
);
