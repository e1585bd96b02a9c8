import type { Reply } from '../src/core/reply';
import { textTurn, type Turn } from '../src/core/turn';
import { ConversationService } from '../src/state/conversation-service';
import { MemoryStore } from '../src/state/memory-store';
import { pipeline } from './helpers/pipeline';
import { differences, loadTranscripts, type Transcript } from './helpers/transcripts';

const HOUR = 60 * 60 * 1000;
const transcripts = loadTranscripts();
// Built here, not inside the first transcript's 5 s timeout: loading the content and fitting the
// matcher took longer than that on a loaded machine (the full suite runs its projects together).
const core = pipeline();

/** Runs a transcript against the core through the state layer, with a clock the transcript controls. */
async function runOnCore(t: Transcript): Promise<string[]> {
  let now = Date.UTC(2026, 0, 1);
  let conversation = 1;
  const store = new MemoryStore({ maxEntries: 1000, now: () => now });
  const service = new ConversationService(core, store, {
    conversationTtlMs: 24 * HOUR,
    userTtlMs: 24 * HOUR,
    now: () => now,
  });
  const problems: string[] = [];
  for (const [i, step] of t.steps.entries()) {
    if (step.advanceHours) now += step.advanceHours * HOUR;
    if (step.newConversation) conversation++;
    const ids = { channel: 'test', conversationId: `c${conversation}`, userId: 'u1' };
    let turn: Turn | undefined;
    if (step.launch) turn = { ...textTurn('', ids), type: 'launch' };
    else if (step.user !== undefined) turn = textTurn(step.user, ids);
    if (!turn) continue;
    const reply: Reply = await service.handle(turn);
    for (const d of differences(reply, step.expect))
      problems.push(`turn ${i + 1} "${step.user ?? 'launch'}": ${d}`);
  }
  return problems;
}

describe('transcripts against the core', () => {
  it('has at least 25 transcripts', () => {
    expect(transcripts.length).toBeGreaterThanOrEqual(25);
  });

  it.each(transcripts.map((t) => [t.file, t] as const))('%s', async (_file, t) => {
    expect(await runOnCore(t)).toEqual([]);
  });
});
