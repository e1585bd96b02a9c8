import { TestAdapter, type Activity } from 'botbuilder';
import { NeckBot } from '../../src/channels/botframework/bot';
import type { Reply } from '../../src/core/reply';
import { ConversationService } from '../../src/state/conversation-service';
import { MemoryStore } from '../../src/state/memory-store';
import { pipeline } from './pipeline';
import { differences, type Transcript } from './transcripts';

const HOUR = 3_600_000;

/** What a transcript can check, read back from the activity the bot sent (outcome travels in channelData). */
function asReply(activity: Partial<Activity>): Reply {
  const data = activity.channelData as { outcome: Reply['outcome']; routine?: Reply['routine'] };
  const card = activity.attachments?.[0]?.content as { body?: unknown } | undefined;
  return {
    outcome: data.outcome,
    routine: data.routine,
    text: [activity.text ?? '', card ? JSON.stringify(card.body) : ''].join('\n'),
    speech: activity.speak ?? '',
    speechParts: [],
    suggestions: [],
    keepOpen: activity.inputHint !== 'ignoringInput',
  };
}

/** Runs a transcript through the bot on a Bot Framework TestAdapter; returns what differs. */
export async function runThroughBotFramework(t: Transcript): Promise<string[]> {
  let now = Date.UTC(2026, 0, 1);
  const store = new MemoryStore({ maxEntries: 1000, now: () => now });
  const bot = new NeckBot(
    new ConversationService(pipeline(), store, {
      conversationTtlMs: 24 * HOUR,
      userTtlMs: 24 * HOUR,
      now: () => now,
    }),
  );
  let conversation = 1;
  const adapterFor = (n: number) =>
    new TestAdapter(async (context) => bot.run(context), {
      channelId: 'test',
      conversation: { id: `conv-${n}`, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'user-1', name: 'User' },
      recipient: { id: 'bot', name: 'Coach' },
    });
  let adapter = adapterFor(conversation);
  const problems: string[] = [];
  for (const [i, step] of t.steps.entries()) {
    if (step.advanceHours) now += step.advanceHours * HOUR;
    if (step.newConversation) adapter = adapterFor(++conversation);
    if (step.launch) {
      await adapter.receiveActivity({
        type: 'conversationUpdate',
        membersAdded: [{ id: 'user-1', name: 'User' }],
      });
    } else if (step.user !== undefined) {
      await adapter.receiveActivity(step.user);
    } else continue;
    const replies = adapter.activeQueue.splice(0);
    if (replies.length !== 1) problems.push(`turn ${i + 1}: ${replies.length} activities`);
    const reply = replies[0];
    if (reply)
      for (const d of differences(asReply(reply), step.expect))
        problems.push(`turn ${i + 1} "${step.user ?? 'launch'}": ${d}`);
  }
  return problems;
}
