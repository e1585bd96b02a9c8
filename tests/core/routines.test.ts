import { countdown, MAX_PAUSE_SECONDS } from '../../src/core/replies';
import type { Reply } from '../../src/core/reply';
import { Conversation, pipeline } from '../helpers/pipeline';

const questionMarks = (text: string) => (text.match(/\?/g) ?? []).length;
const fillText = (template: string, vars: Record<string, number | string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

describe('routine steps', () => {
  const { routines, prompts } = pipeline().content;

  it.each(routines.map((r) => [r.id, r] as const))(
    '%s: every step says "Step n of N" and asks exactly one thing',
    (_id, r) => {
      const chat = new Conversation();
      const replies: Reply[] = [chat.say(`walk me through ${r.names[0]!}`)];
      for (let n = 2; n <= r.steps.length; n++) replies.push(chat.say('next'));
      replies.forEach((reply, i) => {
        const n = i + 1;
        expect(reply.text).toContain(`Step ${n} of ${r.steps.length}`);
        expect(reply.routine).toEqual({ id: r.id, step: n, total: r.steps.length });
        const closing = reply.text.split('\n\n').pop()!;
        expect(questionMarks(reply.text.replace(closing, ''))).toBe(0);
        if (n < r.steps.length) {
          // one question: the next step, by number
          expect(closing).toBe(
            fillText(prompts.nextPrompt.text, { next: n + 1, total: r.steps.length }),
          );
          expect(questionMarks(closing)).toBe(1);
        } else {
          // the last step asks for nothing more than the word that finishes it
          expect(closing).toBe(prompts.lastStepPrompt.text);
          expect(closing).toMatch(/\bdone\b/i);
          expect(questionMarks(closing)).toBeLessThanOrEqual(1);
        }
        expect(reply.reprompt).toBeTruthy();
        expect(reply.card?.progress).toEqual({
          step: n,
          total: r.steps.length,
          label: `Step ${n} of ${r.steps.length}`,
        });
        expect(reply.card?.buttons.map((b) => b.value)).toEqual(['back', 'repeat', 'next', 'stop']);
      });
      const wrap = chat.say('done');
      expect(wrap.routine).toBeUndefined();
      // 'done' is read as 'next' past the last step: the routine is finished, not restarted
      expect(wrap.outcome).toMatchObject({ kind: 'navigation', id: 'next' });
      expect(wrap.text).toContain(fillText(prompts.routineFinished.text, { routine: r.title }));
      expect(wrap.text).not.toContain(`Step 1 of ${r.steps.length}`);
      expect(wrap.suggestions.length).toBeGreaterThan(0);
      expect(wrap.suggestions.length).toBeLessThanOrEqual(3);
    },
  );

  it('leads timed holds by voice with pauses of at most 10 seconds that add up to the hold', () => {
    for (const r of routines) {
      const chat = new Conversation();
      chat.say(`walk me through ${r.names[0]!}`);
      r.steps.forEach((step, i) => {
        const reply = i === 0 ? chat.say('repeat') : chat.say('next');
        const pauses = reply.speechParts.flatMap((p) =>
          'pauseSeconds' in p ? [p.pauseSeconds] : [],
        );
        for (const p of pauses) expect(p).toBeLessThanOrEqual(MAX_PAUSE_SECONDS);
        if (step.hold && 'seconds' in step.hold) {
          expect(pauses.reduce((a, b) => a + b, 0)).toBe(step.hold.seconds);
          expect(reply.card?.hold).toContain(String(step.hold.seconds));
        }
        if (!step.hold) expect(pauses).toEqual([]);
      });
    }
  });

  it('counts down long holds between pauses', () => {
    expect(countdown(30)).toEqual([
      { pauseSeconds: 10 },
      { say: '20.' },
      { pauseSeconds: 10 },
      { say: '10.' },
      { pauseSeconds: 10 },
    ]);
    expect(countdown(15)).toEqual([{ pauseSeconds: 10 }, { say: '5.' }, { pauseSeconds: 5 }]);
    expect(countdown(8)).toEqual([{ pauseSeconds: 8 }]);
  });

  it('gives a precaution mid-routine that carries no routine buttons', () => {
    const chat = new Conversation();
    chat.say('start neck stretches');
    const reply = chat.say('ouch, a sharp pain shoots down my arm');
    expect(reply.outcome).toMatchObject({ kind: 'precaution', id: 'precaution-severe-pain' });
    expect(reply.card?.style).toBe('precaution');
    expect(reply.card?.buttons.map((b) => b.value)).not.toContain('next');
    expect(reply.routine).toBeUndefined();
  });
});
