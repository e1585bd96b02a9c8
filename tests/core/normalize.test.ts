import { normalize, numberFromWord } from '../../src/core/normalize';

describe('normalize', () => {
  it.each([
    ['Is it SAFE to massage my neck?!', 'is it safe to massage my neck'],
    ['I’m not dizzy', 'i am not dizzy'],
    ["can't turn my head", 'can not turn my head'],
    ['I feel dizzzzzy', 'i feel dizzy'],
    ['um, so, like, uh, is it ok', 'so like is it ok'],
    ['how do I give a neck message', 'how do i give a neck massage'],
    ['this meeting is mind-numbing', 'this meeting is mind numbing'],
    ['my wife’s neck hurts', 'my wife neck hurts'],
    ['<speak>hello</speak> &amp; more', 'hello more'],
    ['im dizzy and dont know why', 'i am dizzy and do not know why'],
  ])('%s -> %s', (input, expected) => {
    expect(normalize(input).text).toBe(expected);
  });

  it('splits into tokens without empty words', () => {
    expect(normalize('  hello \n\t world  ').tokens).toEqual(['hello', 'world']);
  });

  it('drops zero-width characters inside words and treats control characters as spaces', () => {
    expect(normalize('diz\u200bzy\u0007now').tokens).toEqual(['dizzy', 'now']);
  });

  it('reads step numbers from words and digits', () => {
    expect(numberFromWord('three')).toBe(3);
    expect(numberFromWord('12')).toBe(12);
    expect(numberFromWord('banana')).toBeUndefined();
  });
});
