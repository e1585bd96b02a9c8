import { readConfig } from '../src/config';
import { createStore, stateStoreKind } from '../src/state/defaults';
import { DynamoDbStore } from '../src/state/dynamodb-store';
import { MemoryStore } from '../src/state/memory-store';

function problems(env: NodeJS.ProcessEnv, target?: 'server' | 'lambda'): string[] {
  try {
    readConfig(env, target);
    return [];
  } catch (err) {
    return (err as Error).message.split('\n').filter((l) => l.startsWith('  - '));
  }
}

describe('the state store settings', () => {
  it('choose DynamoDB when DYNAMODB_TABLE is set, with its endpoint and timeout', () => {
    const config = readConfig({
      DYNAMODB_TABLE: 'neckbot-state',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      DYNAMODB_TIMEOUT_MS: '800',
    });
    expect(config.state.dynamodb).toEqual({
      table: 'neckbot-state',
      endpoint: 'http://127.0.0.1:8000',
      requestTimeoutMs: 800,
    });
    expect(config.state.redis).toBeUndefined();
    expect(stateStoreKind(config.state)).toBe('dynamodb');
    const store = createStore({ savedRoutineTtlMs: 1000, ...config.state });
    expect(store).toBeInstanceOf(DynamoDbStore);
    void store.close();
  });

  it('default to the memory store, with a one-second DynamoDB timeout when a table is set', () => {
    const config = readConfig({});
    expect(stateStoreKind(config.state)).toBe('memory');
    expect(createStore({ savedRoutineTtlMs: 1000, ...config.state })).toBeInstanceOf(MemoryStore);
    expect(readConfig({ DYNAMODB_TABLE: 'abc' }).state.dynamodb).toEqual({
      table: 'abc',
      requestTimeoutMs: 1000,
    });
  });

  it('refuse two stores at once, a bad table name and an endpoint that is not a URL', () => {
    expect(
      problems({ REDIS_URL: 'redis://127.0.0.1:6379', DYNAMODB_TABLE: 'neckbot-state' }),
    ).toEqual(['  - REDIS_URL and DYNAMODB_TABLE are both set: choose one state store']);
    const bad = problems({ DYNAMODB_TABLE: 'no spaces', DYNAMODB_ENDPOINT: 'localhost:8000' });
    expect(bad).toHaveLength(2);
    expect(bad.join('\n')).toMatch(/DYNAMODB_TABLE: a DynamoDB table name/);
    expect(bad.join('\n')).toMatch(/DYNAMODB_ENDPOINT: must be an http/);
  });
});

describe('the Lambda target', () => {
  it('does not ask for the server-only settings in production', () => {
    const env = { NODE_ENV: 'production', ALEXA_VERIFY_SIGNATURES: 'false' };
    expect(problems(env, 'server')).toHaveLength(2);
    expect(problems(env, 'lambda')).toEqual([]);
    expect(readConfig(env, 'lambda').production).toBe(true);
  });

  it('still validates everything it reads', () => {
    const found = problems(
      { LOG_LEVEL: 'loud', SAVED_ROUTINE_TTL_HOURS: '-1', REDIS_URL: 'localhost' },
      'lambda',
    );
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/LOG_LEVEL[\s\S]*SAVED_ROUTINE_TTL_HOURS[\s\S]*REDIS_URL/);
  });

  it('reads the skill id and the saved-routine TTL as the server does', () => {
    const config = readConfig(
      { ALEXA_SKILL_ID: ' amzn1.ask.skill.x ', SAVED_ROUTINE_TTL_HOURS: '2' },
      'lambda',
    );
    expect(config.alexa.skillId).toBe('amzn1.ask.skill.x');
    expect(config.savedRoutineTtlMs).toBe(2 * 60 * 60 * 1000);
  });
});
