import fc from 'fast-check';
import { OUTCOME_KINDS } from '../../src/core/reply';
import { emptySession } from '../../src/core/session';
import { textTurn } from '../../src/core/turn';
import { pipeline } from '../helpers/pipeline';

const nasty = fc.oneof(
  fc.string({ maxLength: 10_000 }),
  fc.string({ unit: 'grapheme', maxLength: 2_000 }),
  fc.string({ unit: 'binary', maxLength: 2_000 }),
  fc.constantFrom(
    '',
    '   \n\t  ',
    '<speak>hello<break time="100s"/></speak>',
    '<script>alert(1)</script> is it safe',
    'مرحبا هل التدليك آمن',
    '🙂🙂🙂 neck 💆‍♀️',
    '\u0000\u0001\u0002\u001b[31m',
    ']]><![CDATA[ & < > " \'',
    'dizzy '.repeat(2_000),
  ),
  fc
    .array(
      fc.constantFrom(
        'neck',
        'dizzy',
        'not',
        'massage',
        'step',
        'next',
        '...',
        '*',
        'stroke',
        '{n}',
        // Names every plain object inherits: a word must never be looked up on Object.prototype.
        'constructor',
        "constructor's",
        '__proto__',
        'toString',
        'hasOwnProperty',
        'valueOf',
      ),
      {
        maxLength: 300,
      },
    )
    .map((w) => w.join(' ')),
);

describe('any input yields exactly one outcome', () => {
  it('never throws, always one outcome of the contract, and stays fast', () => {
    const p = pipeline();
    fc.assert(
      fc.property(nasty, (text) => {
        const started = process.hrtime.bigint();
        const { reply } = p.respond(textTurn(text), emptySession());
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        expect(OUTCOME_KINDS).toContain(reply.outcome.kind);
        expect(reply.outcome.id.length).toBeGreaterThan(0);
        expect(reply.outcome.confidence).toBeGreaterThanOrEqual(0);
        expect(reply.outcome.confidence).toBeLessThanOrEqual(1);
        expect(typeof reply.text).toBe('string');
        // A generous ceiling against pathological slowness; performance itself lives in `npm run bench`.
        expect(ms).toBeLessThan(250);
      }),
      { numRuns: 300 },
    );
  });
});

describe('words that are also Object.prototype names', () => {
  it.each(['constructor', "constructor's", '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    '"%s" is just a word',
    (word) => {
      const { reply } = pipeline().respond(
        textTurn(`my dad is a ${word} worker, can I massage his neck`),
        emptySession(),
      );
      expect(reply.outcome.id).not.toBe('error');
      expect(reply.text).not.toMatch(/something went wrong/i);
    },
  );
});
