/** A curator-report fixture: turn log lines as the server writes them (tests/ops/report, tests/cli/report). */
export const turn = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 'info', time: '2026-11-24T05:45:00.000Z', msg: 'turn', ...fields });

const EARLIEST = Date.parse('2026-11-24T05:29:00.000Z');

/** 15 turn lines, 6 skipped lines, 2 blank lines. */
export const FIXTURE = [
  JSON.stringify({ level: 'info', time: '2026-11-24T05:00:00.000Z', msg: 'listening', port: 3978 }),
  turn({ channel: 'webchat', kind: 'answer', id: 'is_it_safe', confidence: 0.91, latencyMs: 0.41 }),
  turn({ channel: 'alexa', kind: 'answer', id: 'is_it_safe', latencyMs: 0.5, degraded: true }),
  turn({ channel: 'msteams', kind: 'answer', id: 'benefits', latencyMs: 0.3 }),
  // pino's default formatting: numeric level, epoch-ms time (the earliest turn)
  JSON.stringify({
    level: 30,
    time: EARLIEST,
    pid: 1,
    hostname: 'h',
    msg: 'turn',
    channel: 'webchat',
    kind: 'answer',
    id: 'how_often',
    latencyMs: 0.2,
  }),
  turn({
    channel: 'alexa',
    kind: 'fallback',
    id: 'fallback',
    latencyMs: 0.3,
    terms: ['massage', 'gun'],
  }),
  turn({
    channel: 'webchat',
    kind: 'fallback',
    id: 'fallback',
    latencyMs: 0.6,
    terms: ['gun', 'massage', 'gun'],
  }),
  turn({
    channel: 'webchat',
    kind: 'fallback',
    id: 'fallback',
    latencyMs: 2,
    terms: ['pillow'],
    degraded: true,
  }),
  turn({ channel: 'webchat', kind: 'fallback', id: 'fallback', latencyMs: 0.4, time: 'yesterday' }),
  // safety-related fallback: counted, never ranked
  turn({
    channel: 'alexa',
    kind: 'fallback',
    id: 'fallback',
    latencyMs: 0.35,
    terms: ['numbness', 'tingling'],
    safety: true,
  }),
  turn({ channel: 'msteams', kind: 'precaution', id: 'dizziness', confidence: 1, latencyMs: 0.2 }),
  turn({
    channel: 'webchat',
    kind: 'precaution',
    id: 'dizziness',
    latencyMs: 0.25,
    terms: ['faint'],
  }),
  turn({
    channel: 'alexa',
    kind: 'emergency',
    id: 'chest-pain',
    latencyMs: 0.1,
    time: '2026-11-24T06:10:00.000Z',
  }),
  turn({ channel: 'webchat', kind: 'routine', id: 'neck-stretches', latencyMs: 'fast' }),
  turn({ kind: 'smalltalk', id: 'hello' }),
  'not json at all',
  '',
  '   ',
  JSON.stringify({
    level: 'warn',
    time: '2026-11-24T07:00:00.000Z',
    msg: 'state store unavailable',
  }),
  JSON.stringify({ level: 'info', msg: 'turn', kind: 'bogus', id: 'x' }),
  '[1,2,3]',
  '{"level":"info","msg":"turn",',
  JSON.stringify({
    level: 30,
    time: EARLIEST + 60_000,
    msg: 'turn',
    channel: 'msteams',
    kind: 'fallback',
    id: 'fallback',
    latencyMs: 5,
    terms: ['gun'],
  }),
];
