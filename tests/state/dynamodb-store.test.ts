import { randomUUID } from 'node:crypto';
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbStore } from '../../src/state/dynamodb-store';
import { StateUnavailableError } from '../../src/state/errors';
import { startDynalite, type LocalDynamoDb } from '../../src/tools/dynamodb-local';
import { describeStoreContract } from './store-contract';

// A real DynamoDB-compatible server (dynalite, in memory, on loopback) in this process; every test
// keeps to its own random prefix in one table.
jest.setTimeout(60_000);

let dynamo: LocalDynamoDb;
let table: string;
let raw: DynamoDBClient;
const stores: DynamoDbStore[] = [];

function store(prefix = `test:${randomUUID()}:`, onError?: (operation: string) => void) {
  const s = new DynamoDbStore({
    table,
    prefix,
    client: dynamo.client(),
    ...(onError ? { onError } : {}),
  });
  stores.push(s);
  return s;
}

beforeAll(async () => {
  dynamo = await startDynalite();
  table = await dynamo.createTable();
  raw = dynamo.client();
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await dynamo?.stop();
});

describeStoreContract('DynamoDbStore', () => ({
  fresh: () => store(),
  shared: (count) => {
    const prefix = `test:${randomUUID()}:`;
    return Array.from({ length: count }, () => store(prefix));
  },
  race: { racers: 6, rounds: 5 },
}));

async function rawItem(pk: string) {
  const { Item } = await raw.send(
    new GetItemCommand({ TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true }),
  );
  return Item;
}

describe('DynamoDbStore items', () => {
  it('stores each key under its prefix with version, JSON, expiry and the TTL attribute', async () => {
    const prefix = `test:${randomUUID()}:`;
    const s = store(prefix);
    const before = Date.now();
    await s.set('v1:conv:alexa:abc', { step: 1 }, { ttlMs: 3_600_000 });
    const item = await rawItem(`${prefix}v1:conv:alexa:abc`);
    expect(item?.v).toEqual({ N: '1' });
    expect(item?.d).toEqual({ S: '{"step":1}' });
    const expiresAtMs = Number(item?.expiresAtMs?.N);
    expect(expiresAtMs).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(expiresAtMs).toBeLessThanOrEqual(Date.now() + 3_600_000);
    // DynamoDB's TTL reads epoch seconds from `ttl`.
    expect(item?.ttl).toEqual({ N: String(Math.ceil(expiresAtMs / 1000)) });
    expect(await rawItem('v1:conv:alexa:abc')).toBeUndefined();
  });

  it('sets the TTL attribute afresh on every write, conditional or not', async () => {
    const prefix = `test:${randomUUID()}:`;
    const s = store(prefix);
    const ttlOf = async () => Number((await rawItem(`${prefix}k`))?.ttl?.N);
    const nowS = () => Date.now() / 1000;
    await s.set('k', 1, { ttlMs: 3_600_000 });
    expect((await ttlOf()) - nowS()).toBeGreaterThan(3_590);
    await s.set('k', 2, { ttlMs: 60_000 });
    const shorter = (await ttlOf()) - nowS();
    expect(shorter).toBeGreaterThan(50);
    expect(shorter).toBeLessThanOrEqual(61);
    await s.set('k', 3, { ttlMs: 7_200_000, expectedVersion: 2 });
    expect((await ttlOf()) - nowS()).toBeGreaterThan(7_190);
  });

  it('treats an expired item DynamoDB has not yet deleted as absent', async () => {
    const prefix = `test:${randomUUID()}:`;
    const s = store(prefix);
    const past = Date.now() - 1_000;
    await raw.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          pk: { S: `${prefix}k` },
          v: { N: '9' },
          d: { S: '"old"' },
          expiresAtMs: { N: String(past) },
          ttl: { N: String(Math.ceil(past / 1000)) },
        },
      }),
    );
    expect(await s.get('k')).toBeUndefined();
    expect(await s.set('k', 'x', { ttlMs: 60_000, expectedVersion: 9 })).toEqual({
      ok: false,
      version: 0,
    });
    expect(await s.set('k', 'new', { ttlMs: 60_000 })).toEqual({ ok: true, version: 1 });
    expect(await s.get('k')).toEqual({ value: 'new', version: 1, json: '"new"' });
  });

  it('keeps stores with different prefixes apart', async () => {
    const a = store();
    const b = store();
    await a.set('same', 'from a', { ttlMs: 60_000 });
    expect(await b.get('same')).toBeUndefined();
    await b.set('same', 'from b', { ttlMs: 60_000 });
    await a.delete('same');
    expect((await b.get('same'))?.value).toBe('from b');
  });
});

describe('DynamoDbStore when DynamoDB cannot be reached', () => {
  it('fails get, set and delete with StateUnavailableError, reports each, and is not ready', async () => {
    const failures: string[] = [];
    // A loopback port nobody listens on; the SDK's own client, as in production.
    const s = new DynamoDbStore({
      table,
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      requestTimeoutMs: 300,
      onError: (operation) => failures.push(operation),
    });
    stores.push(s);
    await expect(s.get('k')).rejects.toBeInstanceOf(StateUnavailableError);
    await expect(s.set('k', 1, { ttlMs: 60_000 })).rejects.toBeInstanceOf(StateUnavailableError);
    await expect(s.delete('k')).rejects.toBeInstanceOf(StateUnavailableError);
    expect(failures).toEqual(['get', 'set', 'delete']);
    expect(await s.ready()).toBe(false);
  });

  it('counts a missing table as unavailable, and rethrows a malformed request as it is', async () => {
    const missing = new DynamoDbStore({ table: 'no-such-table', client: dynamo.client() });
    stores.push(missing);
    await expect(missing.get('k')).rejects.toBeInstanceOf(StateUnavailableError);
    expect(await missing.ready()).toBe(false);
    // A key DynamoDB refuses (over 2048 bytes) is a bug in the caller, not an outage.
    const s = store();
    const error = await s.get('k'.repeat(5_000)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(StateUnavailableError);
    expect((error as Error).name).toBe('ValidationException');
  });
});
