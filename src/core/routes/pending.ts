import { commandConfidence } from '../dialogue/dialogue';
import type { Pending } from '../session';
import type { Interpretation } from '../understand/interpretation';
import type { Route } from './route';

/**
 * How a command answers the question we asked. The question gives the words their meaning: after
 * "Want me to guide you through it?", "go on" and "let's start" are a yes and "stop" a no; after
 * "Want to carry on at step 3?", "ok" and "got it" carry on at step 3 (only the word "next" moves).
 */
export function answerTo(i: Interpretation, pending: Pending): 'yes' | 'no' | undefined {
  const command = i.command;
  if (!command) return undefined;
  if (command.kind === 'confirm') return command.id === 'yes' ? 'yes' : 'no';
  if (command.kind !== 'navigation') return undefined;
  if (pending.type === 'continue-routine') {
    if (command.id === 'resume') return 'yes';
    if (command.id === 'next' && !i.tokens.includes('next')) return 'yes';
    return undefined;
  }
  if (['next', 'resume', 'start-over'].includes(command.id)) return 'yes';
  if (['stop', 'pause'].includes(command.id)) return 'no';
  return undefined;
}

/** A yes or no to the question we asked on the previous turn ("Want me to guide you through it?"). */
export const pendingRoute: Route = {
  name: 'pending',
  rank: 20,
  canHandle: (i, { pending }) => pending !== undefined && answerTo(i, pending) !== undefined,
  handle: (i, { s, pending, dialogue }) =>
    dialogue.answerPending(
      s,
      pending!,
      answerTo(i, pending!) === 'yes',
      commandConfidence(i.command!),
    ),
};
