import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { Reply } from '../../core/reply';
import type { Turn } from '../../core/turn';
import type { ConversationService } from '../../state/conversation-service';
import { LocalDeliveryLog, type DeliveryLog } from '../../state/delivery-log';
import { launchTurn, turnFromActivity } from './inbound';
import { activitiesFromReply } from './outbound';

/** The Bot Framework bot: a thin translator between activities and the core conversation service. */
export class NeckBot extends ActivityHandler {
  constructor(
    private readonly conversations: ConversationService,
    private readonly deliveries: DeliveryLog = new LocalDeliveryLog(),
  ) {
    super();
    this.onMessage(async (context, next) => {
      if (await this.isRetry(context)) return next();
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
  private async isRetry(context: TurnContext): Promise<boolean> {
    const { id, conversation, channelId } = context.activity;
    if (!id) return false;
    return !(await this.deliveries.firstDelivery(channelId, conversation?.id ?? '', id));
  }
}
