import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createStateTable } from '../state/dynamodb-table';

/**
 * dynalite (a DynamoDB-compatible server, in memory) on a loopback port in this process, for tests
 * and benchmarks. Its clients use fixed dummy credentials: dynalite checks none.
 */
export interface LocalDynamoDb {
  endpoint: string;
  /** What a child process needs to reach it (region and dummy credentials). */
  env: Record<string, string>;
  client(): DynamoDBClient;
  /** Creates a state table (DynamoDbStore's schema) and returns its name. */
  createTable(name?: string): Promise<string>;
  stop(): Promise<void>;
}

export const LOCAL_DYNAMODB_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
} as const;

let tables = 0;

export async function startDynalite(): Promise<LocalDynamoDb> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: DynamoDBClient[] = [];
  const client = () => {
    const c = new DynamoDBClient({
      endpoint,
      region: LOCAL_DYNAMODB_ENV.AWS_REGION,
      credentials: {
        accessKeyId: LOCAL_DYNAMODB_ENV.AWS_ACCESS_KEY_ID,
        secretAccessKey: LOCAL_DYNAMODB_ENV.AWS_SECRET_ACCESS_KEY,
      },
    });
    clients.push(c);
    return c;
  };
  return {
    endpoint,
    env: { ...LOCAL_DYNAMODB_ENV, DYNAMODB_ENDPOINT: endpoint },
    client,
    createTable: async (name = `neckbot-state-${process.pid}-${++tables}`) => {
      await createStateTable(client(), name);
      return name;
    },
    stop: async () => {
      for (const c of clients.splice(0)) c.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
