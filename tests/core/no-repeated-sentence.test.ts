import { PROMPT_KEYS } from '../../src/content/bundle';
import { ReplyBuilder } from '../../src/core/replies';
import { repeatedSentences } from '../helpers/alexa-user';
import { Conversation, pipeline } from '../helpers/pipeline';

/** Placeholder values for filling every prompt; routine titles so "{routine}" reads as it will. */
const VARS = {
  routine: 'Gentle neck stretches',
  current: 'Kneading',
  next: 3,
  step: 2,
  total: 6,
  left: 4,
  seconds: 10,
  count: 4,
  unit: 'slow tilts',
  pace: 6,
  purpose: 'Release tension.',
  topic: 'Benefits',
  topics: 'Benefits, or Techniques',
  mention: 'an injury',
};

describe('no sentence is said twice in one reply', () => {
  const replies = new ReplyBuilder(pipeline().content);

  it.each([...PROMPT_KEYS])('prompt %s', (key) => {
    const prompt = replies.prompt(key, VARS);
    expect(prompt.speech).not.toMatch(/\{\w+\}/);
    expect(repeatedSentences(prompt.speech)).toEqual([]);
    expect(repeatedSentences(prompt.text)).toEqual([]);
  });

  it.each(pipeline().content.routines.map((r) => [r.id, r] as const))(
    'every step of %s, and its finish (web chat and voice alike)',
    (_id, routine) => {
      const chat = new Conversation();
      const replies = [chat.say(`start ${routine.names[0]!}`)];
      for (let i = 1; i < routine.steps.length; i++) replies.push(chat.say('next'));
      const finish = chat.say('next');
      expect(finish.routine).toBeUndefined();
      expect(finish.outcome.kind).toBe('navigation');
      for (const reply of [...replies, finish]) {
        expect(repeatedSentences(reply.speech)).toEqual([]);
        expect(repeatedSentences(reply.text.replace(/\*\*/g, ''))).toEqual([]);
      }
    },
  );
});
