import { TestAdapter, type Activity } from 'botbuilder';
import { NeckBot } from '../../../src/channels/botframework/bot';
import { adaptiveCard } from '../../../src/channels/botframework/cards';
import { turnFromActivity } from '../../../src/channels/botframework/inbound';
import type { Card } from '../../../src/core/reply';
import { ConversationService } from '../../../src/state/conversation-service';
import { MemoryStore } from '../../../src/state/memory-store';
import { pipeline } from '../../helpers/pipeline';

const STEP_CARD: Card = {
  title: 'Gentle neck stretches',
  progress: { step: 1, total: 6, label: 'Step 1 of 6' },
  lines: ['Get comfortable', 'Sit or stand tall.'],
  prompt: 'Ready for step 2 of 6?',
  buttons: [
    { label: 'Back', value: 'back' },
    { label: 'Next', value: 'next' },
  ],
  style: 'step',
};

/**
 * What the Microsoft 365 Agents Playground (0.2.28, `-c msteams`) posted to /api/messages when its
 * user clicked Next on a step card: a message with no text, the button's data in `value`.
 * Teams sends the same shape for an Action.Submit whose data is an object.
 */
const PLAYGROUND_CLICK: Partial<Activity> = {
  type: 'message',
  id: '98494287-5468-4184-b834-593c06d5fd5c',
  from: {
    id: 'user-id-0',
    name: 'Alex Wilber',
    aadObjectId: '00000000-0000-0000-0000-000000000020',
  },
  serviceUrl: 'http://localhost:56999/_connector',
  conversation: {
    conversationType: 'personal',
    tenantId: '00000000-0000-0000-0000-0000000000001',
    id: 'aebebc80-2ffc-475f-b75c-db11da68a5f4',
    isGroup: false,
    name: '',
  },
  recipient: { id: '00000000-0000-0000-0000-00000000000011', name: 'Test Bot' },
  locale: 'en-US',
  channelData: {
    source: { name: 'message' },
    tenant: { id: '00000000-0000-0000-0000-0000000000001' },
  },
  replyToId: '1796646689427-7a2e9335',
  value: { text: 'next' },
  channelId: 'msteams',
};

describe('card buttons', () => {
  // Loading the content and the language model takes seconds on a busy machine.
  beforeAll(() => void pipeline(), 60_000);

  it('are plain Action.Submit buttons whose data is the words a person would type', () => {
    const card = adaptiveCard(STEP_CARD);
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Back', data: { text: 'back' } },
      { type: 'Action.Submit', title: 'Next', data: { text: 'next' } },
    ]);
    // The Playground throws on `msteams` inside Action.Submit data and the click does nothing.
    expect(JSON.stringify(card.actions)).not.toContain('msteams');
  });

  it('read as the same text turn as typing the words', () => {
    const typed = turnFromActivity({
      ...PLAYGROUND_CLICK,
      value: undefined,
      text: 'next',
    } as Activity);
    const clicked = turnFromActivity(PLAYGROUND_CLICK as Activity);
    expect(clicked).toEqual(typed);
    expect(clicked).toMatchObject({
      type: 'text',
      text: 'next',
      channel: 'msteams',
      conversationId: 'aebebc80-2ffc-475f-b75c-db11da68a5f4',
      userId: 'user-id-0',
    });
  });

  it('read the words from Teams imBack data and trim them; a value without words is an empty turn', () => {
    const withValue = (value: unknown) =>
      turnFromActivity({ ...PLAYGROUND_CLICK, value } as Activity).text;
    expect(withValue({ msteams: { type: 'imBack', value: ' repeat ' } })).toBe('repeat');
    expect(withValue({ text: '  stop ' })).toBe('stop');
    expect(withValue({ text: 42 })).toBe('');
    expect(withValue('next')).toBe('');
    expect(withValue(undefined)).toBe('');
  });

  it('move a routine on through the bot exactly like typed words', async () => {
    const bot = new NeckBot(
      new ConversationService(pipeline(), new MemoryStore({ maxEntries: 100 }), {
        conversationTtlMs: 60_000,
        userTtlMs: 60_000,
      }),
    );
    const adapter = new TestAdapter(async (context) => bot.run(context), {
      channelId: 'msteams',
      conversation: { id: 'card-clicks', isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'user-1', name: 'User' },
      recipient: { id: 'bot', name: 'Coach' },
    });
    type SentCard = { body: unknown; actions: Array<{ title: string; data: unknown }> };
    const lastCard = (): SentCard => {
      const sent = adapter.activeQueue.splice(0).pop();
      return sent?.attachments?.[0]?.content as SentCard;
    };
    const stepOf = (card: SentCard): string =>
      JSON.stringify(card.body).match(/Step \d of \d/)?.[0] ?? 'no step';
    const click = (card: SentCard, title: string) =>
      adapter.receiveActivity({
        type: 'message',
        value: card.actions.find((a) => a.title === title)?.data,
      });

    await adapter.receiveActivity('start neck stretches');
    let card = lastCard();
    expect(stepOf(card)).toBe('Step 1 of 6');

    await click(card, 'Next');
    card = lastCard();
    expect(stepOf(card)).toBe('Step 2 of 6');

    await adapter.receiveActivity('next');
    card = lastCard();
    expect(stepOf(card)).toBe('Step 3 of 6');

    await click(card, 'Back');
    expect(stepOf(lastCard())).toBe('Step 2 of 6');
  }, 30_000);
});
