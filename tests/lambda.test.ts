import { randomUUID } from 'node:crypto';
import { alexaSession, spokenText } from '../src/tools/alexa-requests';
import { startDynalite, type LocalDynamoDb } from '../src/tools/dynamodb-local';
import { spawnLambda, type LambdaChild } from '../src/tools/lambda-process';
import { useRedis } from './helpers/redis-server';

/**
 * The Lambda handler (dist/lambda.js) as Lambda runs it: each container a fresh node process that
 * requires the handler and answers Alexa request envelopes. A routine started in one container
 * must carry on in another, through DynamoDB (dynalite) or Redis, as after a cold start.
 */
const SKILL_ID = 'amzn1.ask.skill.lambda-test';
const TIMEOUT_MS = 120_000;

let dynamo: LocalDynamoDb;
let redis: { url: string; stop(): Promise<void> };
const children: LambdaChild[] = [];

function container(env: Record<string, string>): LambdaChild {
  const child = spawnLambda({ ALEXA_SKILL_ID: SKILL_ID, ...env });
  children.push(child);
  return child;
}

async function say(child: LambdaChild, request: object): Promise<string> {
  const answer = await child.invoke(request);
  expect(answer.error).toBeUndefined();
  return spokenText(answer.response);
}

const stepOf = (speech: string) => /\bstep (\d+) of 6\b/i.exec(speech)?.[1];

/** Starts neck stretches in one container, goes on in a second, comes back in a third. */
async function routineAcrossContainers(env: Record<string, string>) {
  const user = `amzn1.ask.account.${randomUUID()}`;
  const first = alexaSession(SKILL_ID, `amzn1.echo-api.session.${randomUUID()}`, user);
  const a = container(env);
  await say(a, first.launch());
  const started = await say(a, first.intent('StartRoutineIntent', { routine: 'neck stretches' }));
  expect(started).toMatch(/neck stretches/i);
  expect(stepOf(await say(a, first.intent('AMAZON.NextIntent')))).toBe('2');
  expect(await a.close()).toBe(0);

  // Another container (a cold start) in the same session: the next step, not the first.
  const b = container(env);
  const next = await say(b, first.intent('AMAZON.NextIntent'));
  expect(await b.close()).toBe(0);

  // A new session later, in a third container: the saved position is offered back.
  const later = alexaSession(SKILL_ID, `amzn1.echo-api.session.${randomUUID()}`, user);
  const c = container(env);
  const welcome = await say(c, later.launch());
  const resumed = await say(c, later.intent('AMAZON.ResumeIntent'));
  expect(await c.close()).toBe(0);
  return { next, welcome, resumed, logs: [...a.logs(), ...b.logs(), ...c.logs()] };
}

beforeAll(async () => {
  [dynamo, redis] = await Promise.all([startDynalite(), useRedis()]);
}, 60_000);

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.close()));
});

afterAll(async () => {
  await dynamo?.stop();
  await redis?.stop();
});

describe('the Lambda handler in separate processes', () => {
  it(
    'resumes a routine in a fresh container through DynamoDB',
    async () => {
      const table = await dynamo.createTable();
      const run = await routineAcrossContainers({ ...dynamo.env, DYNAMODB_TABLE: table });
      expect(stepOf(run.next)).toBe('3');
      expect(run.welcome).toMatch(/welcome back.*step 3 of 6/i);
      expect(stepOf(run.resumed)).toBe('3');
      expect(run.logs.join('\n')).not.toMatch(/container only/);
    },
    TIMEOUT_MS,
  );

  it(
    'resumes a routine in a fresh container through Redis',
    async () => {
      const run = await routineAcrossContainers({
        REDIS_URL: redis.url,
        REDIS_PREFIX: `lambda-${randomUUID().slice(0, 8)}:`,
      });
      expect(stepOf(run.next)).toBe('3');
      expect(run.welcome).toMatch(/welcome back.*step 3 of 6/i);
      expect(stepOf(run.resumed)).toBe('3');
    },
    TIMEOUT_MS,
  );

  it(
    'forgets the routine without a shared store, and says so when it starts',
    async () => {
      const run = await routineAcrossContainers({});
      expect(stepOf(run.next)).not.toBe('3');
      expect(run.welcome).not.toMatch(/welcome back/i);
      expect(run.logs.join('\n')).toMatch(/"level":"warn".*container only/);
    },
    TIMEOUT_MS,
  );

  it(
    'refuses a request for another skill and fails to start on an invalid configuration',
    async () => {
      const child = container({});
      const other = alexaSession('amzn1.ask.skill.other', 'amzn1.echo-api.session.x', 'u');
      const refused = await child.invoke(other.launch());
      expect(refused.error).toMatch(/skill id/i);
      expect(refused.response).toBeUndefined();

      const broken = container({ LOG_LEVEL: 'loud', DYNAMODB_TABLE: 'x y' });
      await expect(broken.requireMs).rejects.toThrow(/exited/);
      expect(broken.stderr()).toMatch(/configuration has 2 problems/);
      expect(broken.stderr()).toMatch(/LOG_LEVEL/);
      expect(broken.stderr()).toMatch(/DYNAMODB_TABLE/);
    },
    TIMEOUT_MS,
  );
});
