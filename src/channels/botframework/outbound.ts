import { ActionTypes, CardFactory, InputHints, type Activity } from 'botbuilder';
import type { Reply } from '../../core/reply';
import { adaptiveCard } from './cards';
import { teamsMessageMarkdown } from './teams-markdown';
import { webPageExtras } from './web-extras';

/** Bot Framework channels that speak replies aloud; elsewhere `speak` would only double the payload. */
const VOICE_CHANNELS = new Set(['directlinespeech', 'cortana']);
/** Our own web chat page (src/channels/webchat), which coaches with a timer and its voice mode. */
const WEB_PAGE_CHANNEL = 'webchat';

/** Message text for the channel: Teams gets the Markdown subset it renders alike on every client. */
function displayText(markdown: string, channelId: string): string {
  return channelId === 'msteams' ? teamsMessageMarkdown(markdown) : markdown;
}

/**
 * A core Reply as Bot Framework activities. Answers are Markdown with suggested actions; routine
 * steps and safety replies are Adaptive Cards whose buttons carry the follow-ups (Teams shows no
 * suggested actions on a message with an attachment).
 */
export function activitiesFromReply(reply: Reply, channelId: string): Array<Partial<Activity>> {
  const base: Partial<Activity> = {
    type: 'message',
    ...(VOICE_CHANNELS.has(channelId) ? { speak: reply.speech } : {}),
    inputHint: reply.keepOpen ? InputHints.ExpectingInput : InputHints.IgnoringInput,
    channelData: {
      outcome: reply.outcome,
      ...(reply.routine ? { routine: reply.routine } : {}),
      ...(channelId === WEB_PAGE_CHANNEL ? webPageExtras(reply) : {}),
    },
  };
  const card = reply.card && reply.card.style !== 'info' ? reply.card : undefined;
  if (card) {
    // The lead-in (routine intro, safety note) stays as text; the card carries the step or warning.
    return [
      {
        ...base,
        text: card.style === 'step' && reply.lead ? displayText(reply.lead, channelId) : undefined,
        attachments: [CardFactory.adaptiveCard(adaptiveCard(card))],
      },
    ];
  }
  const activity: Partial<Activity> = {
    ...base,
    text: displayText(reply.text, channelId),
    textFormat: 'markdown',
  };
  if (reply.suggestions.length > 0) {
    activity.suggestedActions = {
      to: [],
      actions: reply.suggestions.map((s) => ({
        type: ActionTypes.ImBack,
        title: s.label,
        value: s.value,
      })),
    };
  }
  return [activity];
}
