import autocannon from 'autocannon';
import { startRedis } from './redis-server';
import { postWebchat, spawnServer, type ServerChild } from './server-process';

/**
 * `npm run bench:load`: a mixed workload (web chat turns and Alexa IntentRequests: questions,
 * routines walked step by step, safety phrases mid-routine) on many distinct conversations, against
 * one server with the embedded memory store and against two servers sharing one Redis, each server a
 * `node dist/server.js` child process as in a deployment. Every reply is checked against the
 * conversation's script (right routine step, safety answer), so lost or mixed-up state shows too.
 * Exits non-zero on any connection error, 5xx or wrong reply.
 *
 * The workload and the child-process helpers are exported for the soak test (src/tools/soak.ts).
 */

// ---------------------------------------------------------------------------------------------
// The workload: scripted conversations, one after another on each connection.

type RoutineId =
  | 'neck-stretches'
  | 'kneading'
  | 'massage-ball'
  | 'scalp-massage'
  | 'circular-friction'
  | 'trigger-point-release';

export type Move =
  | { kind: 'start'; routine: RoutineId; text: string }
  | { kind: 'next' }
  | { kind: 'ask'; text: string }
  | { kind: 'symptom'; text: string }
  | { kind: 'resume' }
  | { kind: 'stop' };

const next: Move = { kind: 'next' };
const ask = (text: string): Move => ({ kind: 'ask', text });
const symptom = (text: string): Move => ({ kind: 'symptom', text });
const start = (routine: RoutineId, text: string): Move => ({ kind: 'start', routine, text });

/** Every script has the same length (autocannon cycles through a fixed list of requests). */
export const SCRIPT_LENGTH = 8;
/** Routines have six steps: no script goes past the last one. */
export const SCRIPTS: readonly (readonly Move[])[] = [
  [
    start('neck-stretches', 'start neck stretches'),
    next,
    next,
    ask('how hard should I press'),
    next,
    next,
    next,
    { kind: 'stop' },
  ],
  [
    start('kneading', 'walk me through kneading'),
    next,
    symptom('I feel dizzy'),
    ask('is it safe to massage my neck'),
    { kind: 'resume' },
    next,
    next,
    { kind: 'stop' },
  ],
  [
    ask('what are the benefits of neck massage'),
    start('massage-ball', 'start the massage ball routine'),
    next,
    symptom('my hand went numb'),
    { kind: 'resume' },
    next,
    ask('can I massage my own neck'),
    next,
  ],
  [
    start('scalp-massage', 'let us do scalp massage'),
    next,
    next,
    next,
    symptom('I feel dizzy'),
    { kind: 'resume' },
    next,
    ask('how hard should I press'),
  ],
];

export type Channel = 'webchat' | 'alexa';

export interface WorkloadOptions {
  /** Makes conversation and user ids unique to this run (several runs may share one Redis). */
  prefix: string;
  /** Which channels conversations use; with both, conversations alternate between them. */
  channels: readonly Channel[];
  /** Turns per conversation (the first N moves of each script); shorter means more conversations. */
  turnsPerConversation?: number;
}

/** What the replies said, summed over a run. */
export interface Checks {
  conversations: number;
  replies: number;
  /** Replies that did not match the script: wrong routine step, no safety answer, unreadable. */
  wrong: number;
  examples: string[];
}

/** Per-connection state; autocannon clears it when it wraps around to the first request. */
interface Walk {
  n?: number;
  channel?: Channel;
  script?: readonly Move[];
  /** The routine step the conversation is on (0: none). */
  step?: number;
  /** What the reply to the request in flight must show. */
  expect?: Expectation;
}

type Expectation =
  | { kind: 'step'; step: number; outcome: 'routine' | 'navigation' }
  | { kind: 'answer' }
  | { kind: 'precaution' }
  | { kind: 'stopped' };

export interface Workload {
  requests: autocannon.Request[];
  checks: Checks;
}

let conversationCounter = 0;

export function workload(options: WorkloadOptions): Workload {
  const length = Math.min(options.turnsPerConversation ?? SCRIPT_LENGTH, SCRIPT_LENGTH);
  const checks: Checks = { conversations: 0, replies: 0, wrong: 0, examples: [] };
  const requests = Array.from({ length }, (_, index): autocannon.Request => ({
    method: 'POST',
    setupRequest: (req, context) => {
      const walk = context as Walk;
      if (index === 0 || walk.n === undefined) {
        walk.n = ++conversationCounter;
        walk.channel = options.channels[walk.n % options.channels.length] ?? 'webchat';
        walk.script = SCRIPTS[Math.floor(walk.n / options.channels.length) % SCRIPTS.length];
        walk.step = 0;
        checks.conversations++;
      }
      const move = walk.script?.[index] ?? next;
      walk.expect = expectation(walk, move);
      const ids = {
        conversation: `${options.prefix}-c${walk.n}`,
        user: `${options.prefix}-u${walk.n}`,
      };
      const body =
        walk.channel === 'alexa' ? alexaBody(move, ids, index === 0) : webchatBody(move, ids);
      return {
        ...req,
        method: 'POST',
        path: walk.channel === 'alexa' ? '/api/alexa' : '/api/webchat',
        body,
        headers: { 'content-type': 'application/json' },
      };
    },
    onResponse: (status, body, context) => {
      const walk = context as Walk;
      checks.replies++;
      if (status !== 200 || !walk.expect || !walk.channel) return; // counted by autocannon
      const problem = check(walk.channel, walk.expect, body);
      if (problem) {
        checks.wrong++;
        if (checks.examples.length < 5)
          checks.examples.push(`${walk.channel} ${JSON.stringify(walk.expect)}: ${problem}`);
      }
    },
  }));
  return { requests, checks };
}

/** The routine step after `move`, tracked as a user would expect it. */
function expectation(walk: Walk, move: Move): Expectation {
  const step = walk.step ?? 0;
  switch (move.kind) {
    case 'start':
      walk.step = 1;
      return { kind: 'step', step: 1, outcome: 'routine' };
    case 'next':
      walk.step = step + 1;
      return { kind: 'step', step: step + 1, outcome: 'navigation' };
    case 'resume':
      return { kind: 'step', step, outcome: 'navigation' };
    case 'ask':
      return { kind: 'answer' };
    case 'symptom':
      return { kind: 'precaution' };
    case 'stop':
      walk.step = 0;
      return { kind: 'stopped' };
  }
}

function webchatBody(move: Move, ids: { conversation: string; user: string }): string {
  const text =
    move.kind === 'start' || move.kind === 'ask' || move.kind === 'symptom' ? move.text : move.kind;
  return JSON.stringify({
    type: 'message',
    text,
    from: { id: ids.user },
    conversation: { id: ids.conversation },
  });
}

const BUILT_IN: Record<string, string> = {
  next: 'AMAZON.NextIntent',
  resume: 'AMAZON.ResumeIntent',
  // The walk's "stop" ends the routine: on Alexa that is Cancel (Stop exits the skill, pausing it).
  stop: 'AMAZON.CancelIntent',
};

let alexaRequestCounter = 0;
function alexaBody(
  move: Move,
  ids: { conversation: string; user: string },
  isNew: boolean,
): string {
  const slot = (name: string, value: string, extra: Record<string, unknown> = {}) => ({
    [name]: { name, value, confirmationStatus: 'NONE', ...extra },
  });
  let intent: Record<string, unknown>;
  switch (move.kind) {
    case 'start':
      intent = {
        name: 'StartRoutineIntent',
        slots: slot('routine', move.routine.replace(/-/g, ' '), {
          resolutions: {
            resolutionsPerAuthority: [
              {
                authority: 'amzn1.er-authority.echo-sdk.bench.ROUTINE_NAME',
                status: { code: 'ER_SUCCESS_MATCH' },
                values: [{ value: { name: move.routine, id: move.routine } }],
              },
            ],
          },
        }),
      };
      break;
    case 'ask':
      intent = { name: 'AskQuestionIntent', slots: slot('query', move.text) };
      break;
    case 'symptom':
      intent = { name: 'SymptomIntent', slots: slot('symptom', move.text) };
      break;
    default:
      intent = { name: BUILT_IN[move.kind] ?? 'AMAZON.NextIntent' };
  }
  const application = { applicationId: 'amzn1.ask.skill.bench-load' };
  const user = { userId: `amzn1.ask.account.${ids.user}` };
  return JSON.stringify({
    version: '1.0',
    session: { new: isNew, sessionId: ids.conversation, application, user, attributes: {} },
    context: { System: { application, user, apiEndpoint: 'https://api.amazonalexa.com' } },
    request: {
      type: 'IntentRequest',
      requestId: `bench-load-r${++alexaRequestCounter}`,
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      intent: { confirmationStatus: 'NONE', ...intent },
    },
  });
}

/** Undefined when the reply fits the expectation, else what was wrong. */
function check(channel: Channel, expect: Expectation, body: string): string | undefined {
  if (channel === 'webchat') {
    let parsed: { activities?: Array<{ channelData?: WebchatData }> };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return `not JSON: ${body.slice(0, 80)}`;
    }
    const data = (parsed.activities ?? []).map((a) => a.channelData).filter((d) => d?.outcome);
    const last = data[data.length - 1];
    const kind = last?.outcome?.kind;
    const step = last?.routine?.step;
    const got = `${kind ?? 'no outcome'}${step === undefined ? '' : ` step ${step}`}`;
    switch (expect.kind) {
      case 'step':
        return kind === expect.outcome && step === expect.step ? undefined : got;
      case 'answer':
        return kind === 'answer' ? undefined : got;
      case 'precaution':
        return kind === 'precaution' ? undefined : got;
      case 'stopped':
        return kind === 'navigation' && step === undefined ? undefined : got;
    }
  }
  const ssml = /"ssml":"((?:[^"\\]|\\.)*)"/.exec(body)?.[1];
  if (ssml === undefined) return `no speech: ${body.slice(0, 80)}`;
  const got = ssml.slice(0, 120);
  switch (expect.kind) {
    case 'step':
      return ssml.includes(`step ${expect.step} of`) ? undefined : got;
    case 'answer':
      return /step \d+ of/.test(ssml) || /stop the massage/i.test(ssml) ? got : undefined;
    case 'precaution':
      return /stop the massage/i.test(ssml) ? undefined : got;
    case 'stopped':
      return /stopped/i.test(ssml) ? undefined : got;
  }
}

interface WebchatData {
  outcome?: { kind: string };
  routine?: { step: number };
}

// ---------------------------------------------------------------------------------------------
// Running it.

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  status5xx: number;
  checks: Checks;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Requests per second over all connections; omit to go as fast as the server answers. */
  overallRate?: number;
  workload: WorkloadOptions;
}

export async function runLoad(
  name: string,
  url: string,
  options: LoadOptions,
): Promise<LoadResult> {
  const { requests, checks } = workload(options.workload);
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests,
  });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status5xx: result['5xx'],
    checks,
  };
}

// ---------------------------------------------------------------------------------------------
// A private Redis.

export interface RedisChild {
  url: string;
  stop(): Promise<void>;
}

/** A private redis-server (or $REDIS_SERVER_BIN) on a free loopback port, without persistence. */
export async function startPrivateRedis(): Promise<RedisChild> {
  const server = await startRedis();
  return { url: server.url, stop: () => server.stop() };
}

/** The sum of every series of one metric in a Prometheus text exposition. */
export function metricValue(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
    }
  }
  return sum;
}

export async function scrapeMetrics(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  if (!res.ok) throw new Error(`GET ${url}/metrics: ${res.status}`);
  return res.text();
}

// ---------------------------------------------------------------------------------------------
// The benchmark.

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 20;
const WARMUP_S = 2;
const MIB = 1024 * 1024;

interface ServerStats {
  name: string;
  rssMb: number;
  degradedTurns: number;
  stateErrors: number;
  problems: string[];
}

/** One conversation crossing instances: start on one, next on the other, must be step 2. */
async function crossInstanceCheck(a: ServerChild, b: ServerChild): Promise<string | undefined> {
  const post = async (base: string, text: string) =>
    (await (await postWebchat(base, 'cross-c', text)).json()) as {
      activities: Array<{ channelData?: WebchatData }>;
    };
  await post(a.url, 'start neck stretches');
  const second = await post(b.url, 'next');
  const third = await post(a.url, 'next');
  const step = (r: typeof second) =>
    r.activities.map((x) => x.channelData?.routine?.step).find((s) => s !== undefined);
  const got = [step(second), step(third)];
  return got[0] === 2 && got[1] === 3
    ? undefined
    : `started on A, "next" on B then A gave steps ${JSON.stringify(got)}, not [2,3]`;
}

async function stats(child: ServerChild): Promise<ServerStats> {
  const text = await scrapeMetrics(child.url);
  return {
    name: child.name,
    rssMb: metricValue(text, 'process_resident_memory_bytes') / MIB,
    degradedTurns: metricValue(text, 'neckbot_degraded_turns_total'),
    stateErrors: metricValue(text, 'neckbot_state_store_errors_total'),
    problems: child.problems(),
  };
}

function combine(name: string, parts: readonly LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => parts.reduce((s, r) => s + f(r), 0);
  return {
    name,
    rps: sum((r) => r.rps),
    // Conservative: the slower instance's percentiles.
    p50: Math.max(...parts.map((r) => r.p50)),
    p99: Math.max(...parts.map((r) => r.p99)),
    requests: sum((r) => r.requests),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    non2xx: sum((r) => r.non2xx),
    status5xx: sum((r) => r.status5xx),
    checks: {
      conversations: sum((r) => r.checks.conversations),
      replies: sum((r) => r.checks.replies),
      wrong: sum((r) => r.checks.wrong),
      examples: parts.flatMap((r) => r.checks.examples),
    },
  };
}

function printTable(rows: readonly LoadResult[]): void {
  const width = Math.max(...rows.map((r) => r.name.length)) + 2;
  const cols = ['req/s', 'p50 ms', 'p99 ms', 'requests', 'convs', 'errors', 'non-2xx', '5xx'];
  console.log(`${'run'.padEnd(width)}${cols.map((c) => c.padEnd(10)).join('')}wrong replies`);
  for (const r of rows) {
    const cells = [
      Math.round(r.rps),
      r.p50,
      r.p99,
      r.requests,
      r.checks.conversations,
      r.errors,
      r.non2xx,
      r.status5xx,
    ];
    console.log(
      `${r.name.padEnd(width)}${cells.map((c) => String(c).padEnd(10)).join('')}${r.checks.wrong}`,
    );
  }
}

async function main(): Promise<void> {
  const children: Array<{ stop(): Promise<void> }> = [];
  const stopAll = () => Promise.all(children.splice(0).map((c) => c.stop().catch(() => undefined)));
  const interrupted = (signal: NodeJS.Signals) => {
    void stopAll().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  const rows: LoadResult[] = [];
  const servers: ServerStats[] = [];
  const findings: string[] = [];
  const mixed: Channel[] = ['webchat', 'alexa'];
  const run = Date.now().toString(36);
  try {
    // (a) One instance, embedded memory store.
    const single = await spawnServer('memory', {});
    children.push(single);
    await runLoad('warm-up', single.url, {
      connections: CONNECTIONS,
      seconds: WARMUP_S,
      workload: { prefix: `${run}-w`, channels: mixed },
    });
    rows.push(
      await runLoad('memory store, 1 instance', single.url, {
        connections: CONNECTIONS,
        seconds: DURATION_S,
        workload: { prefix: `${run}-m`, channels: mixed },
      }),
    );
    servers.push(await stats(single));
    await single.stop();

    // (b) Two instances sharing one Redis, half the connections on each.
    const redis = await startPrivateRedis();
    children.push(redis);
    const shared = { REDIS_URL: redis.url, REDIS_PREFIX: `bench-${run}:` };
    const [a, b] = await Promise.all([
      spawnServer('redis A', shared),
      spawnServer('redis B', shared),
    ]);
    children.push(a, b);
    const cross = await crossInstanceCheck(a, b);
    if (cross) findings.push(`state not shared across instances: ${cross}`);
    const half = (prefix: string, seconds: number) => ({
      connections: CONNECTIONS / 2,
      seconds,
      workload: { prefix, channels: mixed },
    });
    await Promise.all([
      runLoad('warm-up', a.url, half(`${run}-wa`, WARMUP_S)),
      runLoad('warm-up', b.url, half(`${run}-wb`, WARMUP_S)),
    ]);
    const parts = await Promise.all([
      runLoad('redis, instance A', a.url, half(`${run}-a`, DURATION_S)),
      runLoad('redis, instance B', b.url, half(`${run}-b`, DURATION_S)),
    ]);
    rows.push(combine('redis, 2 instances (sum)', parts), ...parts);
    servers.push(await stats(a), await stats(b));
  } finally {
    await stopAll();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }

  console.log(
    `\n${DURATION_S} s per run after a ${WARMUP_S} s warm-up, ${CONNECTIONS} connections in all, ` +
      `mixed web chat + Alexa (verification off), ${SCRIPT_LENGTH} turns per conversation, ` +
      `servers as child processes, loopback, ${process.platform} Node ${process.version}\n`,
  );
  printTable(rows);
  console.log(
    '(the sum row adds req/s and counts and takes the slower instance’s p50/p99; "wrong replies" ' +
      'are 200s whose routine step or safety answer did not match the conversation’s script)\n',
  );
  for (const s of servers) {
    console.log(
      `${s.name}: RSS ${s.rssMb.toFixed(0)} MB after the run, degraded turns ${s.degradedTurns}, ` +
        `state store errors ${s.stateErrors}, warn/error log lines ${s.problems.length}`,
    );
    for (const line of s.problems.slice(0, 3)) console.log(`  ${line.slice(0, 300)}`);
  }
  const measured = rows.filter((r) => !r.name.includes('(sum)'));
  const errors = measured.reduce((n, r) => n + r.errors, 0);
  const fivexx = measured.reduce((n, r) => n + r.status5xx, 0);
  const non2xx = measured.reduce((n, r) => n + r.non2xx, 0);
  const wrong = measured.reduce((n, r) => n + r.checks.wrong, 0);
  for (const example of measured.flatMap((r) => r.checks.examples).slice(0, 5))
    findings.push(`wrong reply: ${example}`);
  for (const f of findings) console.log(f);
  const clean = errors === 0 && fivexx === 0;
  console.log(
    `\n${clean ? 'OK' : 'FAIL'}: ${errors} errors, ${fivexx} 5xx (${non2xx} non-2xx), ${wrong} wrong replies` +
      ` -> ${clean ? 'zero errors and zero 5xx' : 'errors or 5xx seen'}`,
  );
  if (!clean || wrong > 0 || non2xx > 0 || findings.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
