import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { Reply } from '../../core/reply';
import type { Turn } from '../../core/turn';
import type { ConversationService } from '../../state/conversation-service';
import { launchTurn, turnFromActivity } from './inbound';
import { activitiesFromReply } from './outbound';

/** How many recent activity ids are remembered to ignore a retried turn (Teams retries after ~15 s). */
const SEEN_LIMIT = 10_000;

/** The Bot Framework bot: a thin translator between activities and the core conversation service. */
export class NeckBot extends ActivityHandler {
  private readonly seen = new Set<string>();

  constructor(private readonly conversations: ConversationService) {
    super();
    this.onMessage(async (context, next) => {
      if (this.isRetry(context)) return next();
      await this.reply(context, turnFromActivity(context.activity));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== botId);
      if (joined) await this.reply(context, launchTurn(context.activity));
      await next();
    });
  }

  private async reply(context: TurnContext, turn: Turn): Promise<void> {
    const reply: Reply = await this.conversations.handle(turn);
    await context.sendActivities(activitiesFromReply(reply, context.activity.channelId));
  }

  /** A repeated activity id in the same conversation is a platform retry: answer once only. */
  private isRetry(context: TurnContext): boolean {
    const { id, conversation } = context.activity;
    if (!id) return false;
    const key = `${conversation?.id ?? ''}|${id}`;
    if (this.seen.has(key)) return true;
    this.seen.add(key);
    if (this.seen.size > SEEN_LIMIT) {
      const oldest = this.seen.values().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    return false;
  }
}
