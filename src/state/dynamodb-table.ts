import {
  CreateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * The table DynamoDbStore expects: partition key `pk` (String), no sort key, on-demand billing, and
 * TTL on the attribute `ttl` (epoch seconds). The README gives the same as AWS CLI commands.
 */
export const STATE_TABLE_KEY = 'pk';
export const STATE_TABLE_TTL_ATTRIBUTE = 'ttl';

/** Creates the table (tests, benchmarks, a first deployment); TTL where the server supports it. */
export async function createStateTable(client: DynamoDBClient, table: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: STATE_TABLE_KEY, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: STATE_TABLE_KEY, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { AttributeName: STATE_TABLE_TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (err) {
    // dynalite has no UpdateTimeToLive; the store checks expiry itself, so TTL only tidies up.
    if (!(err instanceof Error) || !/UnknownOperation/i.test(err.name + err.message)) throw err;
  }
}
