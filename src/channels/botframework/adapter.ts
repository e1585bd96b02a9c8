import {
  BotAdapter,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  DeliveryModes,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { Logger } from '../../logger';

/** CloudAdapter with a friendly apology on any error inside a turn; the process never dies of one. */
export function createAdapter(
  settings: Record<string, string | undefined>,
  log: Logger,
): CloudAdapter {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));
  adapter.onTurnError = onTurnError(log);
  return adapter;
}

export function onTurnError(log: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    log.error({ err: error.message, channel: context.activity.channelId }, 'turn failed');
    try {
      await context.sendActivity('Sorry, something went wrong on my side. Please try again.');
    } catch (sendError) {
      log.error(
        { err: sendError instanceof Error ? sendError.message : String(sendError) },
        'apology failed',
      );
    }
  };
}

/**
 * Runs the same bot for the web chat page: replies come back in the HTTP response
 * (deliveryMode expectReplies), so nothing is ever sent to a URL a client supplied.
 * Authentication is not involved: the page is public by nature and rate-limited instead. A plain
 * BotAdapter, not CloudAdapter: there is no token to check and no connector to call, and building
 * CloudAdapter's connector client on every turn was a fifth of the web chat's CPU.
 */
export class DirectReplyAdapter extends BotAdapter {
  constructor(log: Logger) {
    super();
    this.onTurnError = onTurnError(log);
  }

  /** Runs one turn and returns the replies it produced. */
  async run(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, {
      ...activity,
      deliveryMode: DeliveryModes.ExpectReplies,
    });
    await this.runMiddleware(context, logic);
    return context.bufferedReplyActivities;
  }

  // With expectReplies, TurnContext buffers every reply itself; this is only reached by a proactive
  // send, which the web chat has no channel for.
  sendActivities(
    _context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    return Promise.reject(
      new Error(`web chat replies only within a turn (${activities.length} activities dropped)`),
    );
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new Error('web chat activities cannot be updated'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('web chat activities cannot be deleted'));
  }

  continueConversation(
    _reference: Partial<ConversationReference>,
    _logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return Promise.reject(new Error('web chat has no proactive messages'));
  }
}
