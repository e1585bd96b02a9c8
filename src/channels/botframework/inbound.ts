import { TurnContext, type Activity } from 'botbuilder';
import type { Turn } from '../../core/turn';

/** Words a card button sent: Teams imBack in `value.msteams`, or a plain `{ text }` value. */
function buttonText(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { msteams?: { value?: unknown }; text?: unknown };
  if (typeof v.msteams?.value === 'string') return v.msteams.value;
  return typeof v.text === 'string' ? v.text : undefined;
}

/** A Bot Framework message activity as a channel-neutral Turn (mentions stripped). */
export function turnFromActivity(activity: Activity): Turn {
  const typed = activity.text ? TurnContext.removeRecipientMention(activity) : '';
  const text = (typed || buttonText(activity.value) || '').trim();
  return {
    type: 'text',
    text,
    locale: activity.locale ?? 'en-US',
    channel: activity.channelId || 'botframework',
    conversationId: activity.conversation?.id ?? 'unknown',
    userId: activity.from?.id ?? 'unknown',
  };
}

export function launchTurn(activity: Activity): Turn {
  return { ...turnFromActivity(activity), type: 'launch', text: '' };
}
