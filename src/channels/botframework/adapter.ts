import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
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
 * Authentication is not involved: the page is public by nature and rate-limited instead.
 */
export class DirectReplyAdapter extends CloudAdapter {
  constructor(log: Logger) {
    super(new ConfigurationBotFrameworkAuthentication({}));
    this.onTurnError = onTurnError(log);
  }

  run(
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity('', activity, logic);
  }
}
