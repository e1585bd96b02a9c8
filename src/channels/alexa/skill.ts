import { SkillBuilders, type ErrorHandler, type RequestHandler } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Pipeline } from '../../core/pipeline';
import type { ConversationService } from '../../state/conversation-service';
import type { Logger } from '../../logger';
import { APL_INTERFACE, APL_USER_EVENT } from './apl';
import { turnFromRequest } from './inbound';
import { responseFromReply } from './outbound';
import { lastQuestion } from './reprompt';
import { escapeXml } from './ssml';

type SkillBuilder = ReturnType<typeof SkillBuilders.custom>;
export type AlexaSkill = ReturnType<SkillBuilder['create']>;

/**
 * The Alexa skill: launch, every intent and the end of a session all go through the same
 * conversation service as the other channels. State is saved on every turn, so SessionEndedRequest
 * only needs an empty response.
 */
export function createSkill(
  pipeline: Pipeline,
  conversations: ConversationService,
  log: Logger,
): AlexaSkill {
  return skillBuilder(pipeline, conversations, log).create();
}

export type LambdaHandler = (
  event: RequestEnvelope,
  context?: unknown,
) => Promise<ResponseEnvelope>;

/**
 * The same skill as an AWS Lambda handler. An async handler, not ask-sdk's callback one: the
 * nodejs24.x runtime no longer calls callback-style handlers. With `skillId`, a request for another
 * skill is refused (the invocation fails) before any turn runs.
 */
export function createLambdaHandler(
  pipeline: Pipeline,
  conversations: ConversationService,
  log: Logger,
  skillId?: string,
): LambdaHandler {
  const builder = skillBuilder(pipeline, conversations, log);
  const skill = (skillId ? builder.withSkillId(skillId) : builder).create();
  return (event, context) => skill.invoke(event, context);
}

function skillBuilder(
  pipeline: Pipeline,
  conversations: ConversationService,
  log: Logger,
): SkillBuilder {
  const prompts = pipeline.content.prompts;
  const errorQuestion = lastQuestion(prompts.error.speech) ?? prompts.anythingElse.speech;
  const turnHandler: RequestHandler = {
    canHandle: ({ requestEnvelope }) =>
      requestEnvelope.request.type === 'LaunchRequest' ||
      requestEnvelope.request.type === 'IntentRequest' ||
      requestEnvelope.request.type === APL_USER_EVENT,
    handle: async ({ requestEnvelope, responseBuilder }) => {
      const reply = await conversations.handle(turnFromRequest(requestEnvelope));
      const screen =
        APL_INTERFACE in (requestEnvelope.context?.System.device?.supportedInterfaces ?? {});
      return responseFromReply(reply, responseBuilder, prompts.anythingElse.speech, screen);
    },
  };
  const sessionEnded: RequestHandler = {
    canHandle: ({ requestEnvelope }) => requestEnvelope.request.type === 'SessionEndedRequest',
    handle: ({ responseBuilder }) => responseBuilder.getResponse(),
  };
  const errors: ErrorHandler = {
    canHandle: () => true,
    handle: ({ responseBuilder, requestEnvelope }, error) => {
      log.error({ err: error.message, request: requestEnvelope.request.type }, 'alexa turn failed');
      return responseBuilder
        .speak(`<speak>${escapeXml(prompts.error.speech)}</speak>`)
        .reprompt(`<speak>${escapeXml(errorQuestion)}</speak>`)
        .getResponse();
    },
  };
  return SkillBuilders.custom()
    .addRequestHandlers(turnHandler, sessionEnded)
    .addErrorHandlers(errors);
}
