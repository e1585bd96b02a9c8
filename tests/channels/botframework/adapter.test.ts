import type { Activity } from 'botbuilder';
import { DirectReplyAdapter } from '../../../src/channels/botframework/adapter';
import type { Logger } from '../../../src/logger';

const APOLOGY = 'Sorry, something went wrong on my side. Please try again.';

const activity: Partial<Activity> = {
  type: 'message',
  text: 'hello',
  channelId: 'webchat',
  serviceUrl: 'https://webchat.invalid/',
  from: { id: 'u1', name: 'u1' },
  recipient: { id: 'bot', name: 'bot' },
  conversation: { id: 'webchat:c1', name: '', isGroup: false, conversationType: '' },
};

describe('the web chat adapter', () => {
  it('returns the replies of the turn instead of sending them anywhere', async () => {
    const adapter = new DirectReplyAdapter({ info() {}, warn() {}, error() {} }, APOLOGY);
    const replies = await adapter.run(activity, async (context) => {
      await context.sendActivity('one');
      await context.sendActivities([{ type: 'message', text: 'two' }]);
    });
    expect(replies.map((r) => r.text)).toEqual(['one', 'two']);
  });

  it('answers a failed turn with an apology and logs no user text', async () => {
    const logged: Array<Record<string, unknown>> = [];
    const log: Logger = { info() {}, warn() {}, error: (fields) => logged.push(fields) };
    const adapter = new DirectReplyAdapter(log, APOLOGY);
    const replies = await adapter.run({ ...activity, text: 'my secret words' }, () =>
      Promise.reject(new Error('boom')),
    );
    expect(replies.map((r) => r.text)).toEqual([APOLOGY]);
    expect(JSON.stringify(logged)).toContain('boom');
    expect(JSON.stringify(logged)).not.toContain('secret');
  });

  it('refuses proactive sends (there is no channel to send them on)', async () => {
    const adapter = new DirectReplyAdapter({ info() {}, warn() {}, error() {} }, APOLOGY);
    await expect(adapter.continueConversation({}, () => Promise.resolve())).rejects.toThrow(
      /no proactive/,
    );
  });
});
