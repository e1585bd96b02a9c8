import { createPipeline } from '../../src/app';
import type { Pipeline } from '../../src/core/pipeline';
import type { Reply } from '../../src/core/reply';
import { emptySession, type SessionState } from '../../src/core/session';
import { textTurn, type Turn } from '../../src/core/turn';

let shared: Pipeline | undefined;

/** Content is immutable once loaded, so tests share one pipeline; state is always per test. */
export function pipeline(): Pipeline {
  shared ??= createPipeline();
  return shared;
}

export function classify(text: string): Reply['outcome'] {
  return pipeline().respond(textTurn(text), emptySession()).reply.outcome;
}

/** A conversation against the core: keeps state between turns like a channel would. */
export class Conversation {
  state: SessionState = emptySession();
  now = Date.UTC(2026, 0, 1);

  constructor(private readonly p: Pipeline = pipeline()) {}

  say(text: string): Reply {
    return this.turn(textTurn(text));
  }

  launch(): Reply {
    return this.turn({ ...textTurn(''), type: 'launch' });
  }

  turn(turn: Turn): Reply {
    const result = this.p.respond(turn, this.state, this.now);
    this.state = result.state;
    return result.reply;
  }
}

/** A conversation at step 2 of a routine started with `request` (checked on the way). */
export function atStepTwo(request: string, routineId: string): Conversation {
  const chat = new Conversation();
  const started = chat.say(request);
  const moved = chat.say('next');
  if (started.routine?.id !== routineId || moved.routine?.step !== 2)
    throw new Error(`"${request}" did not reach step 2 of ${routineId}`);
  return chat;
}
