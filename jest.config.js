// Three jest projects; `npx jest` (and so `npm test`) runs all three.
//   unit         every test not listed below: in-process only, no build, no services
//   integration  real HTTP servers, spawned processes, dist/, Redis, Chromium
//   quality      the eval floors (held-out splits, typos, conversations, cross-validation)
// A new test file lands in `unit` unless it is listed here; tests/jest-projects.test.ts checks
// that every listed path exists and that no unit test starts a server, a process or Redis.
// Paths are relative to tests/; a path ending in '/' is a whole directory.

const INTEGRATION = [
  'channels/alexa/edge.test.ts',
  'channels/alexa/http.test.ts',
  'channels/botframework/activity-validation.test.ts',
  'channels/botframework/auth.test.ts',
  'channels/botframework/playground.test.ts',
  'channels/http.test.ts',
  'channels/webchat/browser.test.ts',
  'channels/webchat/coaching.test.ts',
  'channels/webchat/input-limit.test.ts',
  'channels/webchat/page-weight.test.ts',
  'channels/webchat/static.test.ts',
  'channels/webchat/voice.test.ts',
  'cli/',
  'content/validate.test.ts',
  'deploy/',
  'http/abuse.test.ts',
  'http/edge.test.ts',
  'http/fuzz.test.ts',
  'http/hostile-bodies.test.ts',
  'http/logging.test.ts',
  'http/page-headers.test.ts',
  'http/rate-limit.test.ts',
  'http/route.test.ts',
  'http/settings.test.ts',
  'lambda.test.ts',
  'ops/memory.test.ts',
  'ops/soak.test.ts',
  'server-start.test.ts',
  'server.test.ts',
  'state/dynamodb-store.test.ts',
  'state/multi-instance.test.ts',
  'state/redis-outage.test.ts',
  'state/redis-store-faults.test.ts',
  'state/redis-store.test.ts',
  'tools/package-lambda.test.ts',
];

const QUALITY = ['eval.test.ts', 'eval/'];

const glob = (path) => `<rootDir>/tests/${path}${path.endsWith('/') ? '**/*.test.ts' : ''}`;
const prefix = (path) => `<rootDir>/tests/${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
};

/** @type {import('jest').Config} */
module.exports = {
  // A test's timeout catches a hang, not a slow machine: CI runs the three projects side by side
  // on two cores, where building a pipeline or starting a server can take several seconds.
  // Performance targets live in the benchmarks (npm run bench…), never in a timeout.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...[...INTEGRATION, ...QUALITY].map(prefix)],
    },
    { ...common, displayName: 'integration', testMatch: INTEGRATION.map(glob) },
    { ...common, displayName: 'quality', testMatch: QUALITY.map(glob) },
  ],
};
