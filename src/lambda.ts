import { createPipeline } from './app';
import { createLambdaHandler } from './channels/alexa/skill';
import { DEFAULT_PATHS } from './content/load';
import { createLogger } from './logger';
import { memoryConversations } from './state/defaults';

/**
 * AWS Lambda entry point for the Alexa skill (handler: dist/lambda.handler). Alexa verifies requests
 * to a Lambda endpoint itself; set the skill id trigger in the Lambda console. State is kept in the
 * container's memory, so a routine position survives only while the container does.
 */
const pipeline = createPipeline(DEFAULT_PATHS);
export const handler = createLambdaHandler(
  pipeline,
  memoryConversations(pipeline).service,
  createLogger(),
);
