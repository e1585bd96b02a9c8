import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Pipeline } from '../core/pipeline';
import type { Reply } from '../core/reply';
import { emptySession, type SessionState } from '../core/session';
import { textTurn, type Turn } from '../core/turn';
import { rate, tally, type Rate } from './evaluate';

const rateOf = (c: number[]): Rate => rate(c[0]!, c[1]!);

/**
 * Multi-turn evaluation sets (tests/eval/conversations-*.yaml), written blind from the contract:
 * each turn labelled with the outcome a careful product owner expects. A conversation counts as
 * right only when every one of its turns is.
 */
const expectSchema = z
  .object({
    kind: z.string(),
    id: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    step: z.number().int().nullable().optional(),
    reminder: z.boolean().optional(),
    resumeOffer: z.boolean().optional(),
    open: z.boolean().optional(),
  })
  .strict();

const turnSchema = z
  .object({
    user: z.string().optional(),
    launch: z.literal(true).optional(),
    expect: expectSchema,
  })
  .strict()
  .refine((t) => (t.user === undefined) !== (t.launch === undefined), 'a turn is user or launch');

const conversationSchema = z
  .object({ name: z.string(), category: z.string(), turns: z.array(turnSchema).min(1) })
  .strict();

export type EvalConversation = z.infer<typeof conversationSchema>;
type Expectation = z.infer<typeof expectSchema>;

export function readConversations(file: string): EvalConversation[] {
  const raw: unknown = parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${file}: expected a list of conversations`);
  return raw.map((c, i) => {
    const parsed = conversationSchema.safeParse(c);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: conversation ${i + 1}: ${issue?.path.join('.')} ${issue?.message}`);
    }
    return parsed.data;
  });
}

export interface ConversationFailure {
  conversation: EvalConversation;
  turn: number;
  problems: string[];
}

export interface ConversationReport {
  turns: Rate;
  conversations: Rate;
  byCategory: Map<string, { turns: Rate; conversations: Rate }>;
  failures: ConversationFailure[];
}

/** Runs each conversation on the core; `launch` opens a new conversation for the same person. */
export function evaluateConversations(
  pipeline: Pipeline,
  conversations: readonly EvalConversation[],
): ConversationReport {
  const turns = [0, 0];
  const convs = [0, 0];
  const cats = new Map<string, { turns: number[]; conversations: number[] }>();
  const failures: ConversationFailure[] = [];
  for (const c of conversations) {
    let state: SessionState = emptySession();
    let now = Date.UTC(2026, 0, 1);
    let conversationNumber = 1;
    let allRight = true;
    const cat = cats.get(c.category) ?? { turns: [0, 0], conversations: [0, 0] };
    cats.set(c.category, cat);
    c.turns.forEach((t, index) => {
      now += 60_000;
      const ids = { channel: 'eval', conversationId: `c${conversationNumber}`, userId: 'u1' };
      let turn: Turn;
      if (t.launch) {
        conversationNumber++;
        state = { conversation: {}, user: state.user };
        turn = { ...textTurn('', ids), type: 'launch' };
      } else {
        turn = textTurn(t.user ?? '', ids);
      }
      const result = pipeline.respond(turn, state, now);
      state = result.state;
      const problems = differences(result.reply, state, t.expect);
      tally(turns, problems.length === 0);
      tally(cat.turns, problems.length === 0);
      if (problems.length > 0) {
        allRight = false;
        failures.push({ conversation: c, turn: index + 1, problems });
      }
    });
    tally(convs, allRight);
    tally(cat.conversations, allRight);
  }
  return {
    turns: rateOf(turns),
    conversations: rateOf(convs),
    byCategory: new Map(
      [...cats]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, { turns: rateOf(v.turns), conversations: rateOf(v.conversations) }]),
    ),
    failures,
  };
}

function differences(reply: Reply, state: SessionState, e: Expectation): string[] {
  const out: string[] = [];
  const got = `${reply.outcome.kind}/${reply.outcome.id}`;
  if (reply.outcome.kind !== e.kind) out.push(`got ${got}, expected kind ${e.kind}`);
  else if (e.id !== undefined) {
    const ids = typeof e.id === 'string' ? [e.id] : e.id;
    if (!ids.includes(reply.outcome.id)) out.push(`got ${got}, expected id ${ids.join('|')}`);
  }
  if (e.step !== undefined) {
    const step = reply.routine?.step ?? null;
    if (step !== e.step) out.push(`routine step ${step}, expected ${e.step}`);
  }
  if (e.reminder === true && !(reply.reminder && reply.reminder.length > 0)) {
    out.push('no safety reminder');
  }
  if (e.resumeOffer === false && offersResume(reply, state)) out.push('offers to resume');
  if (e.open !== undefined && reply.keepOpen !== e.open) out.push(`keepOpen ${reply.keepOpen}`);
  return out;
}

/** An offer to resume: the welcome-back question, or a suggestion that resumes. */
function offersResume(reply: Reply, state: SessionState): boolean {
  return (
    state.conversation.pending?.type === 'resume-saved' ||
    reply.suggestions.some((s) => s.value === 'resume')
  );
}

export function formatConversationReport(
  name: string,
  r: ConversationReport,
  { lines = true } = {},
): string {
  const pct = (x: Rate) => `${(x.rate * 100).toFixed(1)}% (${x.hit}/${x.total})`;
  const out = [
    `== conversations ${name}`,
    `  whole conversations right ${pct(r.conversations)}`,
    `  turns right               ${pct(r.turns)}`,
    '  by category (conversations, turns):',
    ...[...r.byCategory].map(
      ([k, v]) => `    ${k.padEnd(26)} ${pct(v.conversations).padEnd(18)} ${pct(v.turns)}`,
    ),
  ];
  if (!lines) {
    out.push(`  (turns not shown: held out; ${r.failures.length} wrong turns)`);
    return out.join('\n');
  }
  out.push(`  wrong turns (${r.failures.length}):`);
  for (const f of r.failures) {
    const t = f.conversation.turns[f.turn - 1];
    out.push(
      `    [${f.conversation.name}] turn ${f.turn} "${t?.user ?? 'launch'}": ${f.problems.join('; ')}`,
    );
  }
  return out.join('\n');
}
