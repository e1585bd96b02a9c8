import { TestAdapter } from 'botbuilder';
import { onTurnError } from '../../../src/channels/botframework/adapter';
import { NeckBot } from '../../../src/channels/botframework/bot';
import type { Logger } from '../../../src/logger';
import { ConversationService } from '../../../src/state/conversation-service';
import type { StateStore } from '../../../src/state/store';
import { pipeline } from '../../helpers/pipeline';

describe('an error inside a turn', () => {
  it('sends a short apology, is logged without the user text, and the next turn works', async () => {
    let broken = true;
    const store: StateStore = {
      get: () => (broken ? Promise.reject(new Error('store down')) : Promise.resolve(undefined)),
      set: () => Promise.resolve({ ok: true, version: 1 }),
      delete: () => Promise.resolve(),
      ready: () => Promise.resolve(true),
      close: () => Promise.resolve(),
    };
    const logged: Array<Record<string, unknown>> = [];
    const log: Logger = { info: () => {}, warn: () => {}, error: (fields) => logged.push(fields) };
    const bot = new NeckBot(
      new ConversationService(pipeline(), store, { conversationTtlMs: 1000, userTtlMs: 1000 }),
    );
    const adapter = new TestAdapter(async (context) => bot.run(context));
    adapter.onTurnError = onTurnError(log, 'Sorry, something went wrong on my side.');

    await adapter.receiveActivity('I feel dizzy and my neck hurts');
    const [apology] = adapter.activeQueue.splice(0);
    expect(apology?.text).toMatch(/sorry/i);
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toMatch(/dizzy|hurts/);

    broken = false;
    await adapter.receiveActivity('hi');
    const [next] = adapter.activeQueue.splice(0);
    expect((next?.channelData as { outcome: { id: string } }).outcome.id).toBe('greeting');
  });
});
