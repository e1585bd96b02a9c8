/**
 * `neckbot report`: a curator's summary of the server's JSON log (one line per turn, msg "turn").
 *
 * The log never holds what a user said; fallback turns carry at most a few normalised,
 * privacy-filtered `terms`. Safety-related turns (precaution, emergency, and fallbacks flagged
 * `"safety": true`) are never ranked as fallback topics: they are counted, nothing more.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { getSystemErrorMap } from 'node:util';
import { OUTCOME_KINDS, type OutcomeKind } from '../core/reply';

export const DEFAULT_TOP = 10;
/** The topic of a fallback turn that logged no terms. */
export const NO_TOPIC = '(no topic words)';
/** The channel of a turn line that names none. */
export const NO_CHANNEL = '(unknown)';

export interface Count {
  key: string;
  count: number;
}

/** Most frequent first, ties by key; `distinct` stays the full number when `entries` is cut to a top N. */
export interface Ranking {
  distinct: number;
  entries: Count[];
}

export interface SafetyRoute {
  kind: 'precaution' | 'emergency';
  id: string;
  count: number;
}

export interface Report {
  /** Turn lines summarised. */
  turns: number;
  /** Lines left out (blank lines are ignored, not counted). */
  skipped: {
    total: number;
    /** Not a JSON object. */
    notJson: number;
    /** JSON, but not a turn line (listening, warnings, errors…). */
    notTurn: number;
    /** msg "turn" without a known outcome kind and an id. */
    badTurn: number;
  };
  /** Earliest and latest turn time (ISO), whatever the line order. */
  timeRange: { first: string; last: string } | null;
  /** Every outcome kind, zeros included, in OUTCOME_KINDS order. */
  byKind: Record<OutcomeKind, number>;
  byChannel: Count[];
  /** Fallback turns / turns; null without turns. */
  fallbackRate: number | null;
  /** Turns answered while the state store was down. */
  degraded: number;
  /** Median, and p95 by nearest rank, over turns with a latencyMs. */
  latencyMs: { samples: number; median: number | null; p95: number | null };
  /** Answer turns by answer id. */
  answers: Ranking;
  /** Precaution and emergency turns by id, most frequent first. */
  safetyRoutes: SafetyRoute[];
  fallbackTopics: {
    /** Fallback turns ranked (safety-related ones excluded). */
    turns: number;
    /** Fallback turns flagged safety-related, left out of both rankings. */
    excludedSafety: number;
    /** By topic: the turn's sorted, de-duplicated terms joined with a space, or NO_TOPIC. */
    topics: Ranking;
    /** By single term (each counted once per turn). */
    terms: Ranking;
  };
}

/** One turn line, as far as the report needs it. */
export interface TurnLine {
  kind: OutcomeKind;
  id: string;
  channel: string;
  /** Epoch ms. */
  time?: number;
  latencyMs?: number;
  terms: string[];
  safety: boolean;
  degraded: boolean;
}

export type ParsedLine =
  | { type: 'blank' }
  | { type: 'notJson' }
  | { type: 'notTurn' }
  | { type: 'badTurn' }
  | { type: 'turn'; turn: TurnLine };

const MAX_DATE_MS = 8.64e15;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOutcomeKind(value: unknown): value is OutcomeKind {
  return typeof value === 'string' && (OUTCOME_KINDS as readonly string[]).includes(value);
}

/** ISO strings (pino's isoTime, our logger) or epoch ms (pino's default). */
function timeOf(value: unknown): number | undefined {
  const ms =
    typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}

function termsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const terms = value
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0);
  return [...new Set(terms)].sort();
}

/** Classifies one log line; never throws. Any `level` (string or pino's numeric) is accepted. */
export function parseLogLine(line: string): ParsedLine {
  const trimmed = line.trim();
  if (trimmed === '') return { type: 'blank' };
  let record: unknown;
  try {
    record = JSON.parse(trimmed);
  } catch {
    return { type: 'notJson' };
  }
  if (!isRecord(record)) return { type: 'notJson' };
  if (record.msg !== 'turn') return { type: 'notTurn' };
  const { kind, id, channel, latencyMs } = record;
  if (!isOutcomeKind(kind) || typeof id !== 'string' || id === '') return { type: 'badTurn' };
  const turn: TurnLine = {
    kind,
    id,
    channel: typeof channel === 'string' && channel !== '' ? channel : NO_CHANNEL,
    terms: termsOf(record.terms),
    // Anything but absent or false counts as safety-related: never rank a doubtful line.
    safety: record.safety !== undefined && record.safety !== false,
    degraded: record.degraded === true,
  };
  const time = timeOf(record.time);
  if (time !== undefined) turn.time = time;
  if (typeof latencyMs === 'number' && Number.isFinite(latencyMs) && latencyMs >= 0) {
    turn.latencyMs = latencyMs;
  }
  return { type: 'turn', turn };
}

/** The topic a fallback turn is ranked under. */
export function topicOf(terms: readonly string[]): string {
  return terms.length > 0 ? [...new Set(terms)].sort().join(' ') : NO_TOPIC;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ranking(counts: Map<string, number>): Ranking {
  const entries = [...counts].map(([key, count]) => ({ key, count }));
  entries.sort((a, b) => b.count - a.count || compareKeys(a.key, b.key));
  return { distinct: entries.length, entries };
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Median (mean of the middle two for an even count) and p95 by nearest rank. */
export function latencyStats(samples: readonly number[]): Report['latencyMs'] {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (i: number) => sorted[Math.min(Math.max(i, 0), n - 1)] ?? 0;
  if (n === 0) return { samples: 0, median: null, p95: null };
  const median = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return { samples: n, median, p95: at(Math.ceil(0.95 * n) - 1) };
}

export interface LogSummariser {
  add(line: string): void;
  report(): Report;
}

/** An incremental summariser, so a log can be streamed line by line. */
export function createSummariser(): LogSummariser {
  const skipped = { notJson: 0, notTurn: 0, badTurn: 0 };
  const byKind = Object.fromEntries(OUTCOME_KINDS.map((k) => [k, 0])) as Record<
    OutcomeKind,
    number
  >;
  const channels = new Map<string, number>();
  const answers = new Map<string, number>();
  const safety = new Map<string, SafetyRoute>();
  const topics = new Map<string, number>();
  const terms = new Map<string, number>();
  const latencies: number[] = [];
  let turns = 0;
  let degraded = 0;
  let topicTurns = 0;
  let excludedSafety = 0;
  let first = Infinity;
  let last = -Infinity;

  const addTurn = (turn: TurnLine) => {
    turns += 1;
    byKind[turn.kind] += 1;
    bump(channels, turn.channel);
    if (turn.degraded) degraded += 1;
    if (turn.latencyMs !== undefined) latencies.push(turn.latencyMs);
    if (turn.time !== undefined) {
      first = Math.min(first, turn.time);
      last = Math.max(last, turn.time);
    }
    switch (turn.kind) {
      case 'answer':
        bump(answers, turn.id);
        break;
      case 'precaution':
      case 'emergency': {
        const key = `${turn.kind}\u0000${turn.id}`;
        const route = safety.get(key) ?? { kind: turn.kind, id: turn.id, count: 0 };
        route.count += 1;
        safety.set(key, route);
        break;
      }
      case 'fallback':
        if (turn.safety) {
          excludedSafety += 1;
          break;
        }
        topicTurns += 1;
        bump(topics, topicOf(turn.terms));
        for (const term of new Set(turn.terms)) bump(terms, term);
        break;
      default:
        break;
    }
  };

  return {
    add(line) {
      const parsed = parseLogLine(line);
      if (parsed.type === 'turn') addTurn(parsed.turn);
      else if (parsed.type !== 'blank') skipped[parsed.type] += 1;
    },
    report() {
      const safetyRoutes = [...safety.values()]
        .map((r) => ({ ...r }))
        .sort(
          (a, b) => b.count - a.count || compareKeys(a.kind, b.kind) || compareKeys(a.id, b.id),
        );
      return {
        turns,
        skipped: { total: skipped.notJson + skipped.notTurn + skipped.badTurn, ...skipped },
        timeRange:
          first <= last
            ? { first: new Date(first).toISOString(), last: new Date(last).toISOString() }
            : null,
        byKind: { ...byKind },
        byChannel: ranking(channels).entries,
        fallbackRate: turns > 0 ? byKind.fallback / turns : null,
        degraded,
        latencyMs: latencyStats(latencies),
        answers: ranking(answers),
        safetyRoutes,
        fallbackTopics: {
          turns: topicTurns,
          excludedSafety,
          topics: ranking(topics),
          terms: ranking(terms),
        },
      };
    },
  };
}

/** Summarises log lines (pure). */
export function summariseLog(lines: Iterable<string>): Report {
  const summariser = createSummariser();
  for (const line of lines) summariser.add(line);
  return summariser.report();
}

/** Streams a log file line by line; rejects with the file system error if it cannot be read. */
export async function summariseFile(path: string): Promise<Report> {
  const summariser = createSummariser();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) summariser.add(line);
  return summariser.report();
}

/** The same report with the answer and fallback rankings cut to the top N (as `--json` prints it). */
export function limitReport(report: Report, top: number): Report {
  const cut = (r: Ranking): Ranking => ({ distinct: r.distinct, entries: r.entries.slice(0, top) });
  return {
    ...report,
    answers: cut(report.answers),
    fallbackTopics: {
      ...report.fallbackTopics,
      topics: cut(report.fallbackTopics.topics),
      terms: cut(report.fallbackTopics.terms),
    },
  };
}

/** `--top` as a positive integer, or an error message. */
export function parseTop(value: string | undefined): number | { error: string } {
  if (value === undefined) return DEFAULT_TOP;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  return Number.isSafeInteger(n) && n > 0
    ? n
    : { error: `--top must be a positive integer, got "${value}"` };
}

/** "no such file or directory (ENOENT)" rather than Node's message with its syscall and path. */
export function readErrorReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const { code, errno } = err as NodeJS.ErrnoException;
  const described = typeof errno === 'number' ? getSystemErrorMap().get(errno)?.[1] : undefined;
  if (described && code) return `${described} (${code})`;
  return err.message;
}

/** Keys come from a log file: keep control characters (terminal escapes) out of the text. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function ms(value: number | null): string {
  return value === null ? 'n/a' : `${Math.round(value * 100) / 100} ms`;
}

function percent(value: number | null): string {
  return value === null ? 'n/a' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** Right-aligned counts, then the key: one line per entry. */
function countLines(entries: readonly { count: number; label: string }[]): string[] {
  const width = Math.max(1, ...entries.map((e) => String(e.count).length));
  return entries.map((e) => `  ${String(e.count).padStart(width)}  ${printable(e.label)}`);
}

function rankingLines(ranking: Ranking, top: number): string[] {
  if (ranking.entries.length === 0) return ['  (none)'];
  return countLines(ranking.entries.slice(0, top).map((e) => ({ count: e.count, label: e.key })));
}

function shown(ranking: Ranking, top: number): string {
  const n = Math.min(top, ranking.entries.length);
  return ranking.distinct > n ? `top ${n} of ${ranking.distinct}` : `${ranking.distinct} distinct`;
}

/** Human-readable text for curators. */
export function formatReport(report: Report, options: { top?: number } = {}): string {
  const top = options.top ?? DEFAULT_TOP;
  const { skipped, fallbackTopics: fb } = report;
  const range = report.timeRange
    ? `${report.timeRange.first} to ${report.timeRange.last}`
    : '(no times)';
  const kindWidth = Math.max(...OUTCOME_KINDS.map((k) => k.length));
  const lines = [
    'Neckbot curator report',
    `Time range:     ${range}`,
    `Turns:          ${report.turns}`,
    `Skipped lines:  ${skipped.total} (${skipped.notJson} not JSON, ${skipped.notTurn} not turns, ${skipped.badTurn} malformed turns)`,
    `Fallback rate:  ${percent(report.fallbackRate)} (${report.byKind.fallback} of ${report.turns} turns)`,
    `Degraded turns: ${report.degraded} (state store down)`,
    `Latency:        median ${ms(report.latencyMs.median)}, p95 ${ms(report.latencyMs.p95)} (${report.latencyMs.samples} turns)`,
    '',
    'Outcomes',
    ...OUTCOME_KINDS.map(
      (k) =>
        `  ${k.padEnd(kindWidth)}  ${String(report.byKind[k]).padStart(String(report.turns).length)}`,
    ),
    '',
    'Channels',
    ...(report.byChannel.length === 0
      ? ['  (none)']
      : countLines(report.byChannel.map((c) => ({ count: c.count, label: c.key })))),
    '',
    `Answers (${shown(report.answers, top)})`,
    ...rankingLines(report.answers, top),
    '',
    'Safety routes',
    ...(report.safetyRoutes.length === 0
      ? ['  (none)']
      : countLines(
          report.safetyRoutes.map((r) => ({ count: r.count, label: `${r.kind} ${r.id}` })),
        )),
    `  Safety-related fallbacks: ${fb.excludedSafety} (not ranked below)`,
    '',
    `Fallback topics (${shown(fb.topics, top)}, over ${fb.turns} fallback turns)`,
    ...rankingLines(fb.topics, top),
    '',
    `Fallback words (${shown(fb.terms, top)})`,
    ...rankingLines(fb.terms, top),
  ];
  return `${lines.join('\n')}\n`;
}
