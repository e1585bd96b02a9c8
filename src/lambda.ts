import { createPipeline } from './app';
import { createLambdaHandler } from './channels/alexa/skill';
import { readConfig } from './config';
import { DEFAULT_PATHS } from './content/paths';
import { createLogger } from './logger';
import { turnLogger } from './ops/turn-log';
import { conversationService, createStore, stateStoreKind } from './state/defaults';

/**
 * AWS Lambda entry point for the Alexa skill (handler: `lambda.handler` in the zip that
 * `npm run package:lambda` builds, `dist/lambda.handler` in a checkout). It reads the same validated
 * configuration as the server; an invalid one fails the cold start with every problem listed.
 * State goes to DynamoDB (`DYNAMODB_TABLE`) or Redis (`REDIS_URL`), so a routine's position
 * survives cold starts and other containers; without either it lives in this container only.
 * Alexa verifies requests to a Lambda endpoint itself; `ALEXA_SKILL_ID` refuses other skills.
 */
const config = readConfig(process.env, 'lambda');
const log = createLogger(config.logLevel);
const pipeline = createPipeline(DEFAULT_PATHS, { savedRoutineTtlMs: config.savedRoutineTtlMs });
const settings = { savedRoutineTtlMs: config.savedRoutineTtlMs, ...config.state };
const state = stateStoreKind(settings);
const service = conversationService(pipeline, createStore(settings), settings, {
  onTurn: turnLogger(log, pipeline),
});
if (state === 'memory') {
  log.warn(
    { state },
    'state is kept in this container only: set DYNAMODB_TABLE or REDIS_URL to keep routine positions',
  );
}
if (!config.alexa.skillId) log.warn({ state }, 'ALEXA_SKILL_ID is not set: any skill may call');

export const handler = createLambdaHandler(pipeline, service, log, config.alexa.skillId);
