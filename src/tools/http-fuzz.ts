import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { gzipBomb, multipartUpload } from './hostile';
import { rawRequest, type RawPart, type RawResponse } from './raw-http';
import { processRssMb, spawnServer, UNLIMITED_RATES, type ServerChild } from './server-process';

/**
 * The HTTP fuzz suite: every hostile request of tests/http/fuzz-corpus.json (plus each hostile
 * value put into each field of a valid request, plus seeded random JSON bodies) is written on a raw
 * socket to a real `node dist/server.js`, and the answers are judged:
 * - no 5xx, whatever the input; each case's expected status where it states one;
 * - no body or header with a stack trace, a file path, an internal message or a file's contents;
 * - the server never dies (checked after every batch and at the end) and keeps answering turns;
 * - nothing is left in its temp directory (the child's TMPDIR is a fresh directory);
 * - RSS before and after.
 * The servers run with `-r loopback-only` (no outbound traffic, with or without network) and a
 * 128 MiB heap, as the README advises for a container: a gzip bomb that got inflated would kill it.
 */

export const CORPUS_PATH = join(__dirname, '..', '..', 'tests', 'http', 'fuzz-corpus.json');
/** Compiled, like the server it is preloaded into (the same path from src/tools and dist/tools). */
const LOOPBACK_ONLY = join(__dirname, '..', '..', 'dist', 'tools', 'loopback-only.js');
const BODY_TIMEOUT_MS = 1_000;
const CONCURRENCY = 8;
const RESPONSE_TIMEOUT_MS = 8_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface BodySpec {
  json?: Json;
  text?: string;
  base64?: string;
  bomJson?: Json;
  utf16Json?: Json;
  generate?: 'gzipBomb' | 'multipart' | 'repeat' | 'nested';
  mb?: number;
  bytes?: number;
  prefix?: string;
  chunk?: string;
  times?: number;
  suffix?: string;
  open?: string;
  close?: string;
  inner?: string;
  depth?: number;
}

type RawSpec =
  | string
  | { delayMs: number }
  | { repeat: string; times: number }
  | { trickle: string; everyMs: number; times: number }
  | { chunks: number; times: number }
  | { chunkedBase64: string };

/** "2xx|4xx", "4xx", "any-no-5xx" (any answer but a 5xx), or a list of statuses (0: no answer). */
type Expectation = number[] | string;

interface CorpusCase {
  id: string;
  category: string;
  server?: 'open' | 'secured';
  note?: string;
  request?: { method: string; path: string; headers?: Record<string, string>; body?: BodySpec };
  raw?: RawSpec[];
  expect?: Expectation;
  /** How long to wait for an answer (default 8 s). */
  timeoutMs?: number;
}

interface Corpus {
  bases: Record<string, Json>;
  routes: Record<string, string>;
  cases: CorpusCase[];
  mutations: Array<{ category: string; routes: string[]; fields: string[] }>;
  hostileValues: Json[];
  random: { seed: number; perRoute: number };
}

interface FuzzInput {
  id: string;
  category: string;
  server: 'open' | 'secured';
  parts: RawPart[];
  expect: Expectation;
  timeoutMs?: number;
}

export interface FuzzFinding {
  id: string;
  category: string;
  status: number;
  problem: string;
}

export interface FuzzReport {
  inputs: number;
  byCategory: Record<string, number>;
  byClass: Record<string, number>;
  /** 5xx other than the one below. */
  fiveXx: number;
  /**
   * 503 {"error":"authentication service unavailable"} to a plausible Bot Framework token: the
   * answer the issue asks for when the OpenID metadata cannot be fetched, as here (loopback only).
   */
  authUnavailable: number;
  crashes: number;
  /** Bodies or headers with a stack trace, a file path, an internal message or file contents. */
  leaks: number;
  /** Answers other than the case's expected status (5xx and leaks aside). */
  unexpected: number;
  tempFiles: string[];
  rssMb: Record<'open' | 'secured', { before: number; after: number; peak: number }>;
  /** Normal turns sent between batches that were answered 200 with a reply. */
  healthyChecks: { sent: number; ok: number };
  findings: FuzzFinding[];
  seconds: number;
}

const LEAKS: ReadonlyArray<readonly [string, RegExp]> = [
  ['stack trace', /\n\s+at\s|\bat\s+[\w.<>$]+\s+\([^)]*:\d+:\d+\)|at (?:async )?[\w.]+ \(node:/],
  [
    'file path',
    /(?:\/(?:work|home|usr|root|srv|app|opt|proc|var)\/[\w.-]|node_modules|[A-Za-z]:\\\\|\.(?:ts|js):\d+)/,
  ],
  [
    'internal message',
    /TypeError|ReferenceError|SyntaxError|RangeError|Cannot read propert|is not a function|is not defined|Unexpected token|JSON at position|is not valid JSON:|ENOTFOUND|ECONNREFUSED|getaddrinfo|Z_DATA_ERROR|incorrect header check|toLowerCase|\bundefined\b|\[object Object\]|botbuilder|restify|formidable|ask-sdk|zod/i,
  ],
  ['file contents', /root:.*:0:0:|"devDependencies"|BEGIN [A-Z ]*PRIVATE KEY|MicrosoftAppPassword/],
];

const SENSITIVE_HEADERS = /^(?:server|x-powered-by)$/i;

/** Hostile values for the mutation matrix: `{"$repeat": s, "times": n}` stands for s repeated. */
function expandValue(value: Json): Json {
  if (value && typeof value === 'object' && !Array.isArray(value) && '$repeat' in value) {
    const unit = value.$repeat;
    return (typeof unit === 'string' ? unit : JSON.stringify(unit)).repeat(Number(value.times));
  }
  return value;
}

function deepCopy<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Sets `a.b.0.c` in a copy of `base`, creating objects and arrays on the way. */
function withField(base: Json, path: string, value: Json): Json {
  const root = deepCopy(base);
  const keys = path.split('.');
  let node = root as Record<string, Json>;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (!next || typeof next !== 'object') node[key] = /^\d+$/.test(keys[i + 1] ?? '') ? [] : {};
    node = node[key] as Record<string, Json>;
  });
  return root;
}

/** Replaces "$now" (Alexa timestamps must be fresh) throughout. */
function fresh(value: Json): Json {
  return JSON.parse(
    JSON.stringify(value).replaceAll('"$now"', JSON.stringify(new Date().toISOString())),
  ) as Json;
}

function nest(depth: number): Json {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i++) value = { v: value };
  return value;
}

/** `{"$base": "messages", "$set": {...}}` is that route's valid request with fields replaced. */
function resolveJson(spec: Json, corpus: Corpus): Json {
  if (spec && typeof spec === 'object' && !Array.isArray(spec) && typeof spec.$base === 'string') {
    let value = fresh(corpus.bases[spec.$base] ?? {});
    const set = spec.$set;
    if (set && typeof set === 'object' && !Array.isArray(set)) {
      for (const [path, field] of Object.entries(set)) {
        const nested = field as { $nest?: number } | null;
        value = withField(
          value,
          path,
          nested && typeof nested === 'object' && typeof nested.$nest === 'number'
            ? nest(nested.$nest)
            : field,
        );
      }
    }
    return value;
  }
  return spec;
}

async function bodyBytes(
  spec: BodySpec | undefined,
  corpus: Corpus,
  bombs: Map<number, Promise<Buffer>>,
): Promise<{ body: Buffer; contentType?: string }> {
  if (!spec) return { body: Buffer.alloc(0) };
  if (spec.json !== undefined)
    return { body: Buffer.from(JSON.stringify(resolveJson(spec.json, corpus))) };
  if (spec.text !== undefined) return { body: Buffer.from(spec.text) };
  if (spec.base64 !== undefined) return { body: Buffer.from(spec.base64, 'base64') };
  if (spec.bomJson !== undefined)
    return { body: Buffer.from(`\uFEFF${JSON.stringify(resolveJson(spec.bomJson, corpus))}`) };
  if (spec.utf16Json !== undefined)
    return {
      body: Buffer.from(`\uFEFF${JSON.stringify(resolveJson(spec.utf16Json, corpus))}`, 'utf16le'),
    };
  switch (spec.generate) {
    case 'gzipBomb': {
      const mb = spec.mb ?? 250;
      if (!bombs.has(mb)) bombs.set(mb, gzipBomb(mb));
      return { body: await (bombs.get(mb) as Promise<Buffer>) };
    }
    case 'multipart': {
      const upload = multipartUpload(spec.bytes ?? 1024);
      return { body: upload.body, contentType: upload.contentType };
    }
    case 'repeat':
      return {
        body: Buffer.from(
          `${spec.prefix ?? ''}${(spec.chunk ?? 'a').repeat(spec.times ?? 1)}${spec.suffix ?? ''}`,
        ),
      };
    case 'nested': {
      const depth = spec.depth ?? 1;
      return {
        body: Buffer.from(
          `${(spec.open ?? '[').repeat(depth)}${spec.inner ?? ''}${(spec.close ?? ']').repeat(depth)}`,
        ),
      };
    }
    default:
      return { body: Buffer.alloc(0) };
  }
}

/** A request case as bytes: request line, headers as given, Content-Length, Connection: close. */
function requestParts(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): RawPart[] {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${body.length}`, 'Connection: close');
  return [Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body])];
}

function rawParts(specs: RawSpec[]): RawPart[] {
  const parts: RawPart[] = [];
  for (const spec of specs) {
    if (typeof spec === 'string') parts.push(Buffer.from(spec, 'latin1'));
    else if ('delayMs' in spec) parts.push(spec);
    else if ('repeat' in spec) parts.push(Buffer.from(spec.repeat.repeat(spec.times), 'latin1'));
    else if ('trickle' in spec) {
      for (let i = 0; i < spec.times; i++) parts.push({ delayMs: spec.everyMs }, spec.trickle);
    } else if ('chunks' in spec) {
      const chunk = Buffer.concat([
        Buffer.from(`${spec.chunks.toString(16)}\r\n`),
        Buffer.alloc(spec.chunks, 0x20),
        Buffer.from('\r\n'),
      ]);
      for (let i = 0; i < spec.times; i++) parts.push(chunk);
    } else {
      const bytes = Buffer.from(spec.chunkedBase64, 'base64');
      parts.push(Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, '\r\n0\r\n\r\n');
    }
  }
  return parts;
}

/** Every input the corpus describes, in a fixed order. */
export async function expandCorpus(corpus: Corpus): Promise<FuzzInput[]> {
  const inputs: FuzzInput[] = [];
  const bombs = new Map<number, Promise<Buffer>>();
  for (const c of corpus.cases) {
    const server = c.server ?? 'open';
    const expect = c.expect ?? 'any-no-5xx';
    const timeout = c.timeoutMs === undefined ? {} : { timeoutMs: c.timeoutMs };
    if (c.raw) {
      inputs.push({
        id: c.id,
        category: c.category,
        server,
        expect,
        parts: rawParts(c.raw),
        ...timeout,
      });
      continue;
    }
    if (!c.request) continue;
    const { body, contentType } = await bodyBytes(c.request.body, corpus, bombs);
    const headers = {
      ...(contentType ? { 'Content-Type': contentType } : {}),
      ...c.request.headers,
    };
    inputs.push({
      id: c.id,
      category: c.category,
      server,
      expect,
      parts: requestParts(c.request.method, c.request.path, headers, body),
    });
  }
  const json = { 'Content-Type': 'application/json' };
  for (const mutation of corpus.mutations) {
    for (const route of mutation.routes) {
      const path = corpus.routes[route] ?? '/';
      mutation.fields.forEach((field) =>
        corpus.hostileValues.forEach((value, v) => {
          const body = withField(fresh(corpus.bases[route] ?? {}), field, expandValue(value));
          inputs.push({
            id: `mutate-${route}-${field}-${v}`,
            category: mutation.category,
            server: 'open',
            expect: 'any-no-5xx',
            parts: requestParts('POST', path, json, Buffer.from(JSON.stringify(body))),
          });
        }),
      );
    }
  }
  // Seeded random bodies: whole random JSON values, and valid requests with random fields merged in.
  const { seed, perRoute } = corpus.random;
  Object.entries(corpus.routes).forEach(([route, path], r) => {
    const base = corpus.bases[route] ?? {};
    const keys = Object.keys(base as Record<string, Json>);
    const merged = fc
      .dictionary(
        fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })),
        fc.jsonValue(),
        {
          maxKeys: 4,
        },
      )
      .map((extra) => ({
        ...(fresh(base) as Record<string, Json>),
        ...(extra as Record<string, Json>),
      }));
    const samples = [
      ...fc.sample(fc.jsonValue({ maxDepth: 6 }), { seed: seed + r, numRuns: perRoute / 2 }),
      ...fc.sample(merged, { seed: seed + 100 + r, numRuns: perRoute / 2 }),
    ];
    samples.forEach((body, i) =>
      inputs.push({
        id: `random-${route}-${i}`,
        category: 'random JSON',
        server: 'open',
        expect: 'any-no-5xx',
        parts: requestParts('POST', path, json, Buffer.from(JSON.stringify(body) ?? 'null')),
      }),
    );
  });
  return inputs;
}

const AUTH_UNAVAILABLE = '{"error":"authentication service unavailable"}';

function unavailableByDesign(input: FuzzInput, response: RawResponse): boolean {
  return (
    response.status === 503 &&
    response.body === AUTH_UNAVAILABLE &&
    Array.isArray(input.expect) &&
    input.expect.includes(503)
  );
}

function statusClass(status: number): string {
  return status === 0 ? 'no response' : `${Math.floor(status / 100)}xx`;
}

function meets(expect: Expectation, status: number): boolean {
  if (Array.isArray(expect)) return expect.includes(status);
  // No answer at all counts only where a case expects it (0).
  if (expect === 'any-no-5xx') return status > 0 && status < 500;
  return expect.split('|').includes(statusClass(status));
}

/** Our own published files (the page, its script and styles), served as they are. */
const ASSET_TYPES = /^text\/(?:html|javascript|css)\b/;

/** Which kind of leak a response shows (stack trace, file path...), if any. */
export function leakIn(
  response: Pick<RawResponse, 'status' | 'headers' | 'body'>,
): string | undefined {
  const asset = response.status === 200 && ASSET_TYPES.test(response.headers['content-type'] ?? '');
  const body = asset ? '' : response.body;
  const headers = Object.entries(response.headers)
    .map(([name, value]) => (SENSITIVE_HEADERS.test(name) ? `${name}: ${value}` : value))
    .join('\n');
  for (const [name, pattern] of LEAKS) {
    if (pattern.test(body) || pattern.test(headers)) return name;
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One normal web chat turn: the server still does its job. */
async function healthyTurn(server: ServerChild, n: number): Promise<boolean> {
  const res = await rawRequest(
    server.port,
    requestParts(
      'POST',
      '/api/webchat',
      { 'Content-Type': 'application/json' },
      Buffer.from(
        JSON.stringify({
          type: 'message',
          text: 'is it safe to massage my neck',
          from: { id: `healthy-${n}` },
          conversation: { id: `healthy-${n}` },
        }),
      ),
    ),
    { timeoutMs: RESPONSE_TIMEOUT_MS },
  );
  return res.status === 200 && /safe/i.test(res.body);
}

export interface FuzzOptions {
  corpusPath?: string;
  /** Called as batches complete (inputs done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Starts the two servers, runs every input, stops the servers, and reports. */
export async function runFuzz(options: FuzzOptions = {}): Promise<FuzzReport> {
  const started = Date.now();
  const corpus = JSON.parse(readFileSync(options.corpusPath ?? CORPUS_PATH, 'utf8')) as Corpus;
  const inputs = await expandCorpus(corpus);
  const tmp = mkdtempSync(join(tmpdir(), 'neckbot-fuzz-'));
  const common = {
    TMPDIR: tmp,
    BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
    LOG_LEVEL: 'warn',
    ...UNLIMITED_RATES,
  };
  const nodeArgs = ['-r', LOOPBACK_ONLY, '--max-old-space-size=128'];
  const servers: Record<'open' | 'secured', ServerChild> = {
    open: await spawnServer('fuzz-open', common, nodeArgs),
    secured: await spawnServer(
      'fuzz-secured',
      {
        ...common,
        // Its start-up line naming the port is at info.
        LOG_LEVEL: 'info',
        ALEXA_VERIFY_SIGNATURES: 'true',
        HOST: '127.0.0.1',
        MicrosoftAppId: '00000000-0000-0000-0000-00000000f022',
        MicrosoftAppPassword: 'not-a-real-secret',
      },
      nodeArgs,
    ),
  };
  const rss = (s: ServerChild) => processRssMb(s.pid) ?? 0;
  const rssMb = {
    open: { before: rss(servers.open), after: 0, peak: 0 },
    secured: { before: rss(servers.secured), after: 0, peak: 0 },
  };
  const findings: FuzzFinding[] = [];
  const byClass: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  let crashes = 0;
  let authUnavailable = 0;
  const healthyChecks = { sent: 0, ok: 0 };
  try {
    for (let i = 0; i < inputs.length; i += CONCURRENCY) {
      const batch = inputs.slice(i, i + CONCURRENCY);
      const responses = await Promise.all(
        batch.map((input) =>
          rawRequest(servers[input.server].port, input.parts, {
            timeoutMs: input.timeoutMs ?? RESPONSE_TIMEOUT_MS,
          }),
        ),
      );
      batch.forEach((input, b) => {
        const response = responses[b] as RawResponse;
        const { status } = response;
        byClass[statusClass(status)] = (byClass[statusClass(status)] ?? 0) + 1;
        byCategory[input.category] = (byCategory[input.category] ?? 0) + 1;
        const finding = (problem: string) =>
          findings.push({ id: input.id, category: input.category, status, problem });
        if (status >= 500 && !unavailableByDesign(input, response)) finding('5xx');
        if (unavailableByDesign(input, response)) authUnavailable++;
        const leak = leakIn(response);
        if (leak) finding(`leak: ${leak}`);
        if (status < 500 && !meets(input.expect, status))
          finding(`expected ${JSON.stringify(input.expect)}`);
      });
      for (const name of ['open', 'secured'] as const) {
        rssMb[name].peak = Math.max(rssMb[name].peak, rss(servers[name]));
        if (!alive(servers[name].pid)) {
          crashes++;
          throw new Error(`${name} server died during the fuzz:\n${servers[name].tail()}`);
        }
      }
      if ((i / CONCURRENCY) % 25 === 0) {
        healthyChecks.sent++;
        if (await healthyTurn(servers.open, i)) healthyChecks.ok++;
      }
      options.onProgress?.(Math.min(i + CONCURRENCY, inputs.length), inputs.length);
    }
    healthyChecks.sent++;
    if (await healthyTurn(servers.open, -1)) healthyChecks.ok++;
    for (const name of ['open', 'secured'] as const) {
      const health = await rawRequest(servers[name].port, [
        'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
      ]);
      if (health.status !== 200) crashes++;
      rssMb[name].after = rss(servers[name]);
    }
  } finally {
    await Promise.all([servers.open.stop(), servers.secured.stop()]);
  }
  const tempFiles = readdirSync(tmp);
  rmSync(tmp, { recursive: true, force: true });
  return {
    inputs: inputs.length,
    byCategory,
    byClass,
    fiveXx: findings.filter((f) => f.problem === '5xx').length,
    authUnavailable,
    crashes,
    leaks: findings.filter((f) => f.problem.startsWith('leak')).length,
    unexpected: findings.filter((f) => f.problem.startsWith('expected')).length,
    tempFiles,
    rssMb,
    healthyChecks,
    findings,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

/** The report as a few lines of text. */
export function formatReport(report: FuzzReport): string {
  const round = (n: number) => Math.round(n);
  const classes = Object.entries(report.byClass)
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const categories = Object.entries(report.byCategory)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [
    `HTTP fuzz: ${report.inputs} inputs in ${report.seconds} s (${categories})`,
    `  responses by class: ${classes}`,
    `  5xx: ${report.fiveXx} (besides ${report.authUnavailable} × 503 "authentication service unavailable" to plausible tokens, the specified answer while OpenID metadata cannot be fetched)`,
    `  crashes: ${report.crashes}   leaks (stack trace, file path, internal message): ${report.leaks}   unexpected statuses: ${report.unexpected}   temp files left: ${report.tempFiles.length}`,
    `  healthy turns between batches: ${report.healthyChecks.ok}/${report.healthyChecks.sent}`,
    ...(['open', 'secured'] as const).map(
      (name) =>
        `  RSS ${name} server: ${round(report.rssMb[name].before)} MiB before, ${round(report.rssMb[name].peak)} MiB peak, ${round(report.rssMb[name].after)} MiB after`,
    ),
  ];
  for (const f of report.findings.slice(0, 20))
    lines.push(`  ! ${f.id} (${f.category}): ${f.status} ${f.problem}`);
  return lines.join('\n');
}
