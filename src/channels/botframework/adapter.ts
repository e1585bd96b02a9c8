import {
  BotAdapter,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  DeliveryModes,
  TurnContext,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
  type ResourceResponse,
} from 'botbuilder';
import type { Logger } from '../../logger';
import { AuthGate, precheckToken, type AuthGateOptions, type AuthOutcome } from './auth';

type Authentication = ConfigurationBotFrameworkAuthentication;
/** What botbuilder's authentication returns: the caller's claims and how to answer it. */
export type Authenticated = Awaited<ReturnType<Authentication['authenticateRequest']>>;

/**
 * CloudAdapter with the HTTP part done by us. `process()` would answer any error while checking a
 * token with a console stack trace and a 500 quoting the error (see auth.ts); here the route asks
 * `authenticate()` (never throws; 401/503 with a reason) and runs the turn with `run()`, which is
 * what `process()` does once authenticated.
 */
export class EdgeCloudAdapter extends CloudAdapter {
  private readonly gate: AuthGate;
  private readonly appId: string | undefined;

  constructor(settings: Record<string, string | undefined>, gate: AuthGateOptions = {}) {
    super(new ConfigurationBotFrameworkAuthentication(settings));
    this.appId = settings.MicrosoftAppId?.trim() || undefined;
    this.gate = new AuthGate(gate);
  }

  get authEnabled(): boolean {
    return this.appId !== undefined;
  }

  async authenticate(
    authHeader: string | undefined,
    activity: Activity,
  ): Promise<AuthOutcome<Authenticated>> {
    const check = () =>
      this.botFrameworkAuthentication.authenticateRequest(activity, authHeader ?? '');
    // Authentication off (no app id): botbuilder returns anonymous claims without looking.
    if (this.appId === undefined) return this.gate.authenticate('off', check);
    const token = precheckToken(authHeader, this.appId, Date.now());
    if ('status' in token) return { ok: false, ...token };
    return this.gate.authenticate(AuthGate.kindOf(token), check);
  }

  /** Runs the turn for an authenticated activity; an invoke's or expectReplies' answer comes back. */
  run(
    authenticated: Authenticated,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

/** EdgeCloudAdapter with a friendly apology on any error inside a turn; the process never dies of one. */
export function createAdapter(
  settings: Record<string, string | undefined>,
  log: Logger,
  apology: string,
  gate: AuthGateOptions = {},
): EdgeCloudAdapter {
  const adapter = new EdgeCloudAdapter(settings, gate);
  adapter.onTurnError = onTurnError(log, apology);
  return adapter;
}

/** `apology`: what the person is told (content's `error` prompt). */
export function onTurnError(log: Logger, apology: string) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    log.error({ err: error.message, channel: context.activity.channelId }, 'turn failed');
    try {
      await context.sendActivity(apology);
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
  constructor(log: Logger, apology: string) {
    super();
    this.onTurnError = onTurnError(log, apology);
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
