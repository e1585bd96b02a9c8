import { commandConfidence } from '../dialogue/dialogue';
import type { Route } from './route';

/**
 * "why?", "tell me more": more of the last answer, outside a routine; "just tell me how": how to do
 * what it was about.
 */
export const followUpRoute: Route = {
  name: 'follow-up',
  rank: 58,
  canHandle: (i, { s }) =>
    i.command?.kind === 'follow-up' &&
    s.conversation.lastTopic !== undefined &&
    s.conversation.routine?.status !== 'active',
  handle: (i, { s, dialogue }) => {
    const last = s.conversation.lastTopic!;
    const topic = i.command!.id === 'how-to' ? dialogue.howToOf(last) : last;
    return dialogue.answerTopic(s, topic, commandConfidence(i.command!));
  },
};
