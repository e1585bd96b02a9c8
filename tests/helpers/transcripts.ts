import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Reply } from '../../src/core/reply';

const expectSchema = z
  .object({
    kind: z.string().optional(),
    id: z.string().optional(),
    /** The active routine step after the turn; null: no routine active. */
    step: z.number().int().nullable().optional(),
    says: z.array(z.string()).optional(),
    saysNot: z.array(z.string()).optional(),
    open: z.boolean().optional(),
  })
  .strict();

const stepSchema = z
  .object({
    user: z.string().optional(),
    launch: z.literal(true).optional(),
    newConversation: z.literal(true).optional(),
    advanceHours: z.number().positive().optional(),
    expect: expectSchema.optional(),
    /** What the Alexa skill answers instead, where voice differs by design (Stop exits the skill). */
    alexa: expectSchema.optional(),
  })
  .strict();

const transcriptSchema = z.object({ name: z.string(), steps: z.array(stepSchema).min(1) }).strict();

export type Transcript = z.infer<typeof transcriptSchema> & { file: string };
export type TranscriptStep = z.infer<typeof stepSchema>;
export type Expectation = z.infer<typeof expectSchema>;

export const TRANSCRIPT_DIR = join(__dirname, '..', 'transcripts');

export function loadTranscripts(): Transcript[] {
  return readdirSync(TRANSCRIPT_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({
      ...transcriptSchema.parse(parse(readFileSync(join(TRANSCRIPT_DIR, file), 'utf8'))),
      file,
    }));
}

/** Only user turns: such a transcript can also run through `neckbot chat --jsonl`. */
export function isSingleConversation(t: Transcript): boolean {
  return t.steps.every((s) => s.user !== undefined);
}

/** Checks one reply against its expectation; returns what differs (empty when all is well). */
export function differences(reply: Reply, expected: Expectation | undefined): string[] {
  if (!expected) return [];
  const out: string[] = [];
  if (expected.kind !== undefined && reply.outcome.kind !== expected.kind) {
    out.push(`kind ${reply.outcome.kind}, expected ${expected.kind}`);
  }
  if (expected.id !== undefined && reply.outcome.id !== expected.id) {
    out.push(`id ${reply.outcome.id}, expected ${expected.id}`);
  }
  if (expected.step !== undefined) {
    const step = reply.routine?.step ?? null;
    if (step !== expected.step) out.push(`routine step ${step}, expected ${expected.step}`);
  }
  const text = reply.text.toLowerCase();
  for (const phrase of expected.says ?? []) {
    if (!text.includes(phrase.toLowerCase())) out.push(`text lacks "${phrase}"`);
  }
  for (const phrase of expected.saysNot ?? []) {
    if (text.includes(phrase.toLowerCase())) out.push(`text has "${phrase}"`);
  }
  if (expected.open !== undefined && reply.keepOpen !== expected.open) {
    out.push(`keepOpen ${reply.keepOpen}, expected ${expected.open}`);
  }
  return out;
}
