import fc from 'fast-check';
import { Language } from '../../src/core/language';
import { cleanAscii, cleanUnicode, content, normalize, numberFromWord } from '../helpers/language';

describe('normalize', () => {
  it.each([
    ['Is it SAFE to massage my neck?!', 'is it safe to massage my neck'],
    ['I’m not dizzy', 'i am not dizzy'],
    ["can't turn my head", 'can not turn my head'],
    ['I feel dizzzzzy', 'i feel dizzy'],
    ['um, so, like, uh, is it ok', 'so like is it ok'],
    ['how do I give a neck message', 'how do i give a neck massage'],
    ['how do I kneed the neck', 'how do i knead the neck'],
    ['my fingers went num', 'my fingers went numb'],
    ['this meeting is mind-numbing', 'this meeting is mind numbing'],
    ['my wife’s neck hurts', 'my wife neck hurts'],
    ['<speak>hello</speak> &amp; more', 'hello more'],
    ['im dizzy and dont know why', 'i am dizzy and do not know why'],
    ['Alexa, ask Neck Coach how hard to press', 'how hard to press'],
    ['hey alexa tell the neck massage coach to start kneading', 'start kneading'],
    ['talk to neck coach about knots', 'knots'],
    ['Alexa, open Neck Massage Coach', 'hello'],
    // no skill name after the launch word: nothing to strip
    ['start neck stretches', 'start neck stretches'],
    ['ask my neck massage therapist', 'ask my neck massage therapist'],
    ['tell neck coach', 'hello'],
  ])('%s -> %s', (input, expected) => {
    expect(normalize(input).text).toBe(expected);
  });

  it('treats names inherited by every object as plain words', () => {
    expect(normalize("Constructor toString constructor's __proto__ valueOf").text).toBe(
      'constructor tostring constructor proto valueof',
    );
    expect(numberFromWord('constructor')).toBeUndefined();
  });

  it('splits into tokens without empty words', () => {
    expect(normalize('  hello \n\t world  ').tokens).toEqual(['hello', 'world']);
    expect(normalize('').tokens).toEqual([]);
    expect(normalize(' , um ').tokens).toEqual([]);
  });

  it('drops zero-width characters inside words and treats control characters as spaces', () => {
    expect(normalize('diz\u200bzy\u0007now').tokens).toEqual(['dizzy', 'now']);
  });

  it('reads step numbers from words and digits', () => {
    expect(numberFromWord('three')).toBe(3);
    expect(numberFromWord('12')).toBe(12);
    expect(numberFromWord('banana')).toBeUndefined();
  });

  describe('the printable-ASCII fast path', () => {
    // Pieces that exercise every rule: contractions, tags, entities, fillers, mishearings, repeats.
    const PIECES = [
      ...["it's", "can't", "I'd", "wife's", 'dont', '`n`', '<b>', '</speak>', '&amp;', '&NBSP;'],
      ...['you know', 'I MEAN', 'kind of', 'neck message', 'Messaging', 'massage ing', 'mass age'],
      ...[
        'massagesr',
        'next massage',
        'nick massage',
        'necks stretch',
        'tricker point',
        'skull massage',
        'kneed',
        'Kneed',
        'num',
      ],
      ...['dizzzzy', 'AAAH', 'step 3', '10', '-', '!?', '  ', 'um', 'alexa', 'neck', 'x'],
    ];
    const asciiText = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
      fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join(' ')),
      fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join('')),
    );

    it('cleans printable ASCII exactly as the general Unicode path does', () => {
      fc.assert(
        fc.property(asciiText, (text) => {
          expect(cleanAscii(text)).toBe(cleanUnicode(text));
        }),
        { numRuns: 3000 },
      );
    });

    it('still folds non-ASCII input (curly quotes, full-width letters)', () => {
      expect(normalize('Ｉ’ｍ ＤＩＺＺＹ').text).toBe('i am dizzy');
    });
  });
});

describe('normalize reads its words from content', () => {
  const { language: data, skill } = content();

  it('drops the invocation names of content/skill.yaml, and only those', () => {
    const other = new Language(data, {
      invocation: { ...skill.invocation, names: ['posture pal'] },
    });
    expect(other.normalize('ask posture pal how hard to press').text).toBe('how hard to press');
    expect(other.normalize('open the posture pal').text).toBe('hello');
    expect(other.normalize('ask neck coach how hard to press').text).toBe(
      'ask neck coach how hard to press',
    );
  });

  it('applies the mishearings and fillers of content/language/en.yaml', () => {
    const other = new Language(
      {
        ...data,
        normalize: {
          ...data.normalize,
          fillers: [...data.normalize.fillers, 'like'],
          mishearings: [{ heard: 'neck mass*', means: 'neck massage' }],
        },
      },
      skill,
    );
    expect(other.normalize('like a neck massager').text).toBe('a neck massageager');
    expect(other.normalize('like a neck message').text).toBe('a neck message');
  });
});
