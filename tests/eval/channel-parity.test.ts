import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/content/load';
import { emptySession, type SessionState } from '../../src/core/session';
import { textTurn, type Turn } from '../../src/core/turn';
import { readConversations, type EvalConversation } from '../../src/eval/conversations';
import { runThroughAlexa } from '../helpers/alexa-runner';
import { runThroughBotFramework } from '../helpers/botframework-runner';
import { pipeline } from '../helpers/pipeline';
import type { Transcript } from '../helpers/transcripts';

/**
 * The blind multi-turn safety conversations (dev split) through the Bot Framework adapter and the
 * Alexa skill: each channel must give every turn the outcome, routine step and open session the
 * core gives it. Whether the core is right is `npm run eval -- --conversations safety-dev`; this
 * checks that no channel loses or changes what the core decided (a launch opens a new
 * conversation for the same person on every channel).
 */
const conversations = readConversations(
  join(PROJECT_ROOT, 'tests', 'eval', 'conversations-safety-dev.yaml'),
);

/** The conversation as a transcript that expects, turn by turn, what the core answers. */
function asCoreSays(c: EvalConversation): Transcript {
  const p = pipeline();
  let state: SessionState = emptySession();
  const now = Date.UTC(2026, 0, 1);
  return {
    name: c.name,
    file: 'conversations-safety-dev.yaml',
    steps: c.turns.map((t) => {
      let turn: Turn;
      if (t.launch) {
        state = { conversation: {}, user: state.user };
        turn = { ...textTurn(''), type: 'launch' };
      } else turn = textTurn(t.user ?? '');
      const result = p.respond(turn, state, now);
      state = result.state;
      const { kind, id } = result.reply.outcome;
      const expect = {
        kind,
        id,
        step: result.reply.routine?.step ?? null,
        open: result.reply.keepOpen,
      };
      return t.launch
        ? { launch: true as const, newConversation: true as const, expect }
        : { user: t.user, expect };
    }),
  };
}

const transcripts = conversations.map((c) => [c.name, asCoreSays(c)] as const);

describe('blind safety conversations: every channel answers as the core does', () => {
  it('has the safety conversations of the dev split', () => {
    expect(conversations.length).toBeGreaterThanOrEqual(30);
  });

  it.each(transcripts)('Bot Framework: %s', async (_name, t) => {
    expect(await runThroughBotFramework(t)).toEqual([]);
  });

  it.each(transcripts)('Alexa: %s', async (_name, t) => {
    expect(await runThroughAlexa(t)).toEqual([]);
  });
});
