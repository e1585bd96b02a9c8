import { commandConfidence } from '../dialogue/dialogue';
import type { Route } from './route';

/** "why?", "tell me more", "just tell me how": more of the last answer, outside a routine. */
export const followUpRoute: Route = {
  name: 'follow-up',
  rank: 58,
  canHandle: (i, { s }) =>
    i.command?.kind === 'follow-up' &&
    s.conversation.lastTopic !== undefined &&
    s.conversation.routine?.status !== 'active',
  handle: (i, { s, dialogue }) =>
    dialogue.answerTopic(s, s.conversation.lastTopic!, commandConfidence(i.command!)),
};
