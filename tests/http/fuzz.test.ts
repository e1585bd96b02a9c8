import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatReport, leakIn, runFuzz, type FuzzReport } from '../../src/tools/http-fuzz';

/**
 * The HTTP fuzz suite (src/tools/http-fuzz.ts, corpus tests/http/fuzz-corpus.json) against two real
 * `node dist/server.js` processes: authentication and Alexa verification off (the deepest paths),
 * and on. Prints its report and writes tests/artifacts/fuzz-report.json.
 */
jest.setTimeout(120_000);

let report: FuzzReport;

beforeAll(async () => {
  report = await runFuzz();
  console.log(formatReport(report));
  const dir = join(__dirname, '..', 'artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'fuzz-report.json'), `${JSON.stringify(report, null, 2)}\n`);
});

it('tries every kind of hostile input the issue names, thousands of them', () => {
  expect(report.inputs).toBeGreaterThan(2_500);
  for (const category of [
    'encodings',
    'multipart',
    'nested JSON',
    'wrong types',
    'smuggling and protocol',
    'traversal',
    'headers',
    'authentication',
    'slow bodies',
    'random JSON',
  ]) {
    expect([category, (report.byCategory[category] ?? 0) > 0]).toEqual([category, true]);
  }
});

it('0 crashes, 0 5xx, 0 leaks, 0 temp files, every expected status', () => {
  expect(report.findings).toEqual([]);
  expect(report.crashes).toBe(0);
  expect(report.fiveXx).toBe(0);
  expect(report.leaks).toBe(0);
  expect(report.unexpected).toBe(0);
  expect(report.tempFiles).toEqual([]);
  // The only 5xx: the 503 to plausible tokens while OpenID metadata cannot be fetched.
  expect(report.byClass['5xx'] ?? 0).toBe(report.authUnavailable);
  expect(report.authUnavailable).toBe(2);
});

it('keeps answering turns throughout, within the heap a container gives it', () => {
  expect(report.healthyChecks.ok).toBe(report.healthyChecks.sent);
  expect(report.healthyChecks.sent).toBeGreaterThan(10);
  expect(report.rssMb.open.peak).toBeLessThan(250);
  expect(report.rssMb.secured.peak).toBeLessThan(250);
});

describe('the leak detectors', () => {
  const answer = (body: string, headers: Record<string, string> = {}) =>
    leakIn({ status: 400, headers: { 'content-type': 'application/json', ...headers }, body });

  it.each([
    ['stack trace', 'Error: x\n    at Object.<anonymous> (/srv/app/server.js:10:5)'],
    [
      'stack trace',
      '{"error":"at processTicksAndRejections (node:internal/process/task_queues:95:5)"}',
    ],
    ['file path', '{"error":"ENOENT /work/wt-edge/dist/x"}'],
    ['file path', '{"error":"in node_modules/restify/lib/server.js"}'],
    ['internal message', '{"error":"endpoint.toLowerCase is not a function"}'],
    [
      'internal message',
      '{"error":"request to https://login.botframework.com failed, reason: getaddrinfo ENOTFOUND"}',
    ],
    ['internal message', '{"error":"Unexpected token } in JSON at position 3"}'],
    ['internal message', '{"error":"incorrect header check"}'],
    ['file contents', 'root:x:0:0:root:/root:/bin/bash'],
  ])('see a %s', (kind, body) => {
    expect(answer(body)).toBe(kind);
  });

  it('pass our own refusals and our published page files', () => {
    expect(answer('{"error":"unsupported media type"}')).toBeUndefined();
    expect(answer('{"error":"text: expected string"}')).toBeUndefined();
    expect(
      leakIn({
        status: 200,
        headers: { 'content-type': 'text/javascript; charset=utf-8' },
        body: 'if (x === undefined) throw new TypeError()',
      }),
    ).toBeUndefined();
  });
});
