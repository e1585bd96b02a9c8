import { commandConfidence } from '../dialogue/dialogue';
import type { Route } from './route';

/**
 * "why?", "tell me more": more of the last answer, outside a routine; "just tell me how": how to do
 * what it was about. Inside a routine, "what is this good for?" is the answer that teaches it.
 */
export const followUpRoute: Route = {
  name: 'follow-up',
  rank: 58,
  canHandle: (i, { s }) => {
    if (i.command?.kind !== 'follow-up') return false;
    const inRoutine = s.conversation.routine?.status === 'active';
    if (i.command.id === 'purpose') return inRoutine;
    return s.conversation.lastTopic !== undefined && !inRoutine;
  },
  handle: (i, { s, dialogue }) => {
    const command = i.command!;
    const routine = s.conversation.routine;
    if (command.id === 'purpose' && routine)
      return dialogue.answerTopic(
        s,
        dialogue.topicOfRoutine(routine.id),
        commandConfidence(command),
      );
    const last = s.conversation.lastTopic!;
    const topic = command.id === 'how-to' ? dialogue.howToOf(last) : last;
    return dialogue.answerTopic(s, topic, commandConfidence(command));
  },
};
