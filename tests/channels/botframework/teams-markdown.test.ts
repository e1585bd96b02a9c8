import { activitiesFromReply } from '../../../src/channels/botframework/outbound';
import { teamsMessageMarkdown } from '../../../src/channels/botframework/teams-markdown';
import type { Reply } from '../../../src/core/reply';
import { Conversation, pipeline } from '../../helpers/pipeline';

/** A newline Teams would ignore: one that is neither part of a blank line nor next to one. */
const LONE_NEWLINE = /(^|[^\n])\n(?!\n)/;

const ANSWER = [
  '**Yes, for most people.** A gentle massage is generally safe.',
  '',
  'Keep a few things in mind:',
  '- **Go easy.** Light pressure works better than force.',
  '- **Skip certain spots**, such as the lymph nodes.',
].join('\n');

function reply(fields: Partial<Reply>): Reply {
  return {
    outcome: { kind: 'answer', id: 'test', confidence: 1 },
    text: ANSWER,
    speech: 'spoken',
    speechParts: [],
    suggestions: [{ label: 'More', value: 'tell me more' }],
    keepOpen: true,
    ...fields,
  };
}

describe('Markdown for a Teams text message', () => {
  it('sets every line apart with a blank line and writes bullets as •, keeping bold', () => {
    expect(teamsMessageMarkdown(ANSWER)).toBe(
      [
        '**Yes, for most people.** A gentle massage is generally safe.',
        'Keep a few things in mind:',
        '• **Go easy.** Light pressure works better than force.',
        '• **Skip certain spots**, such as the lymph nodes.',
      ].join('\n\n'),
    );
  });

  it('keeps numbered steps and italics, and reads * and + bullets and CRLF too', () => {
    expect(
      teamsMessageMarkdown(
        'Try this:\r\n1. Feel for knots.\n2. Press gently.\n\n*Stop if it hurts.*',
      ),
    ).toBe('Try this:\n\n1. Feel for knots.\n\n2. Press gently.\n\n*Stop if it hurts.*');
    expect(teamsMessageMarkdown('* one\n+ two\n  - three')).toBe('• one\n\n• two\n\n• three');
  });

  it('leaves a single line alone', () => {
    expect(teamsMessageMarkdown('Hi, I can help with **neck massage**.')).toBe(
      'Hi, I can help with **neck massage**.',
    );
  });
});

describe('the text of outgoing messages', () => {
  it('is Teams Markdown on msteams and unchanged Markdown on web chat', () => {
    const [teams] = activitiesFromReply(reply({}), 'msteams');
    const [web] = activitiesFromReply(reply({}), 'webchat');
    expect(teams?.text).toBe(teamsMessageMarkdown(ANSWER));
    expect(teams?.textFormat).toBe('markdown');
    expect(teams?.suggestedActions?.actions).toHaveLength(1);
    expect(web?.text).toBe(ANSWER);
  });

  describe('for real replies', () => {
    // Loading the content and the language model takes seconds on a busy machine.
    beforeAll(() => void pipeline(), 60_000);

    it('answers, help and a routine lead on msteams have no newline Teams would drop and no - bullet', () => {
      const conversation = new Conversation();
      const texts = [
        conversation.say('is it safe to massage my neck'),
        conversation.say('what can you do'),
        conversation.say('how do I do trigger point release'),
        conversation.say('start neck stretches'),
      ].map((r) => activitiesFromReply(r, 'msteams')[0]?.text ?? '');
      expect(texts.every((t) => t.length > 0)).toBe(true);
      for (const text of texts) {
        expect(text).not.toMatch(LONE_NEWLINE);
        expect(text).not.toMatch(/^- /m);
      }
      // The routine's lead goes with the step card, formatted the same way.
      expect(texts[3]).toMatch(/\*\*Gentle neck stretches\*\*/);
    });
  });
});
