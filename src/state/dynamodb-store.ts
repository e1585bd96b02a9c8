import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { StateUnavailableError } from './errors';
import type { SetOptions, SetResult, StateStore, Versioned } from './store';

export interface DynamoDbStoreOptions {
  /** The table: partition key `pk` (String), TTL on the attribute `ttl` (see README). */
  table: string;
  /** Put before every key, so several deployments can share one table. Default `neckbot:`. */
  prefix?: string;
  /** e.g. `http://127.0.0.1:8000` for DynamoDB Local or dynalite; unset: the region's endpoint. */
  endpoint?: string;
  /** Unset: the SDK's own lookup (AWS_REGION, which Lambda sets). */
  region?: string;
  /** A request without a response within this many ms fails (and is retried by the SDK). */
  requestTimeoutMs?: number;
  /** Called once for every get/set/delete that fails with `StateUnavailableError`. Must not throw. */
  onError?: (operation: string) => void;
  /** Tests inject a client (its own credentials and endpoint) here. */
  client?: DynamoDBClient;
  now?: () => number;
}

export const DYNAMODB_STORE_DEFAULTS = {
  prefix: 'neckbot:',
  requestTimeoutMs: 1000,
  /** The SDK's attempts per call (1 + retries); a turn should degrade soon, not hang. */
  maxAttempts: 2,
} as const;

/** Attribute names (all under `#` placeholders in expressions: DynamoDB reserves many words). */
const NAMES = {
  '#pk': 'pk',
  '#v': 'v',
  '#d': 'd',
  '#ttl': 'ttl',
  '#exp': 'expiresAtMs',
} as const;

/** An unconditional write retries this often when another writer keeps racing it. */
const MAX_UNCONDITIONAL_ATTEMPTS = 10;

/** Errors that say "this call is wrong" rather than "DynamoDB cannot serve us now". */
const CALLER_ERRORS = new Set(['ValidationException', 'SerializationException']);

/**
 * The state store on DynamoDB (AWS SDK v3), for Lambda or any number of instances: one item per
 * key, `pk` = prefix + key, with the version (`v`), the JSON value (`d`), the expiry in epoch
 * milliseconds (`expiresAtMs`) and in epoch seconds (`ttl`, the table's TTL attribute). DynamoDB's
 * TTL deletes expired items only eventually (within days), so every read and condition also checks
 * `expiresAtMs` itself: an expired item is absent (version 0), as in MemoryStore and RedisStore.
 *
 * Compare-and-set is a conditional write: `v = expected` (and not expired) for an update, "absent
 * or expired" for version 0. Many writers of one version: exactly one condition holds.
 */
export class DynamoDbStore implements StateStore {
  private readonly client: DynamoDBClient;
  private readonly ownsClient: boolean;
  private readonly table: string;
  private readonly prefix: string;
  private readonly onError: ((operation: string) => void) | undefined;
  private readonly now: () => number;

  constructor(options: DynamoDbStoreOptions) {
    this.table = options.table;
    this.prefix = options.prefix ?? DYNAMODB_STORE_DEFAULTS.prefix;
    this.onError = options.onError;
    this.now = options.now ?? Date.now;
    this.ownsClient = options.client === undefined;
    const timeout = options.requestTimeoutMs ?? DYNAMODB_STORE_DEFAULTS.requestTimeoutMs;
    this.client =
      options.client ??
      new DynamoDBClient({
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.region ? { region: options.region } : {}),
        maxAttempts: DYNAMODB_STORE_DEFAULTS.maxAttempts,
        requestHandler: { requestTimeout: timeout, connectionTimeout: timeout },
      });
  }

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    const item = await this.call('get', () => this.read(key));
    return item
      ? { value: JSON.parse(item.json) as T, version: item.version, json: item.json }
      : undefined;
  }

  async set<T>(key: string, value: T, options: SetOptions): Promise<SetResult> {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`value for "${key}" cannot be stored as JSON`);
    if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) {
      throw new RangeError(`ttlMs must be a positive number, got ${options.ttlMs}`);
    }
    return this.call('set', async () => {
      if (options.expectedVersion !== undefined) {
        return this.compareAndSet(key, json, options.ttlMs, options.expectedVersion);
      }
      // "Write anyway" is compare-and-set on whatever version is there now, retried on a race.
      for (let attempt = 1; ; attempt++) {
        const current = (await this.read(key))?.version ?? 0;
        const result = await this.compareAndSet(key, json, options.ttlMs, current);
        if (result.ok || attempt >= MAX_UNCONDITIONAL_ATTEMPTS) return result;
      }
    });
  }

  async delete(key: string): Promise<void> {
    await this.call('delete', () =>
      this.client.send(new DeleteItemCommand({ TableName: this.table, Key: this.keyOf(key) })),
    );
  }

  /** A read of one (absent) item: the table answers, with our credentials. */
  async ready(): Promise<boolean> {
    try {
      await this.client.send(
        new GetItemCommand({ TableName: this.table, Key: this.keyOf('v1:ready') }),
      );
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    if (this.ownsClient) this.client.destroy();
    return Promise.resolve();
  }

  private keyOf(key: string): Record<string, AttributeValue> {
    return { pk: { S: this.prefix + key } };
  }

  /** The live item (strongly consistent), or undefined when absent or expired. */
  private async read(key: string): Promise<{ version: number; json: string } | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: this.keyOf(key), ConsistentRead: true }),
    );
    return this.live(Item);
  }

  private live(
    item: Record<string, AttributeValue> | undefined,
  ): { version: number; json: string } | undefined {
    if (!item?.v?.N || item.d?.S === undefined) return undefined;
    if (Number(item.expiresAtMs?.N ?? 0) <= this.now()) return undefined;
    return { version: Number(item.v.N), json: item.d.S };
  }

  private async compareAndSet(
    key: string,
    json: string,
    ttlMs: number,
    expected: number,
  ): Promise<SetResult> {
    const now = this.now();
    const expiresAtMs = now + Math.ceil(ttlMs);
    const version = expected + 1;
    const values: Record<string, AttributeValue> = {
      ':now': { N: String(now) },
    };
    try {
      if (expected === 0) {
        // Absent, or expired but not yet removed by DynamoDB's TTL sweep.
        await this.client.send(
          new PutItemCommand({
            TableName: this.table,
            Item: {
              ...this.keyOf(key),
              v: { N: '1' },
              d: { S: json },
              expiresAtMs: { N: String(expiresAtMs) },
              ttl: { N: String(Math.ceil(expiresAtMs / 1000)) },
            },
            ConditionExpression: 'attribute_not_exists(#pk) OR #exp <= :now',
            ExpressionAttributeNames: { '#pk': NAMES['#pk'], '#exp': NAMES['#exp'] },
            ExpressionAttributeValues: values,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
      } else {
        await this.client.send(
          new UpdateItemCommand({
            TableName: this.table,
            Key: this.keyOf(key),
            UpdateExpression: 'SET #v = :next, #d = :d, #exp = :exp, #ttl = :ttl',
            ConditionExpression: '#v = :expected AND #exp > :now',
            ExpressionAttributeNames: {
              '#v': NAMES['#v'],
              '#d': NAMES['#d'],
              '#exp': NAMES['#exp'],
              '#ttl': NAMES['#ttl'],
            },
            ExpressionAttributeValues: {
              ...values,
              ':expected': { N: String(expected) },
              ':next': { N: String(version) },
              ':d': { S: json },
              ':exp': { N: String(expiresAtMs) },
              ':ttl': { N: String(Math.ceil(expiresAtMs / 1000)) },
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
      }
      return { ok: true, version };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      // DynamoDB returns the item that failed the condition; an emulator may not, so read it.
      const current = err.Item ? this.live(err.Item) : await this.read(key);
      return { ok: false, version: current?.version ?? 0 };
    }
  }

  private async call<R>(operation: string, command: () => Promise<R>): Promise<R> {
    try {
      return await command();
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      try {
        this.onError?.(operation);
      } catch {
        // A failing hook must not hide the outage from the caller.
      }
      throw new StateUnavailableError(operation, err);
    }
  }
}

/**
 * Network failures, timeouts, throttling, server errors, missing credentials or permissions, a
 * missing table: DynamoDB cannot serve us now. Malformed requests and our own bugs are rethrown.
 */
function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof TypeError || err instanceof RangeError || err instanceof SyntaxError) {
    return false;
  }
  return !CALLER_ERRORS.has(err.name);
}
