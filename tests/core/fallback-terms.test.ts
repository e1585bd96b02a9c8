import { normalize } from '../helpers/language';
import { textTurn } from '../../src/core/turn';
import { pipeline } from '../helpers/pipeline';

const topic = (text: string) => pipeline().fallbackTopic(textTurn(text));

describe('fallback topic words', () => {
  it('keeps common words only, sorted, at most four', () => {
    expect(topic('what is the weather like in Paris today')).toEqual({
      terms: ['today', 'weather'],
      safetyRelated: false,
    });
    const many = topic('could a wooden roller or rubber ball or electric blanket help posture');
    expect(many.terms.length).toBeLessThanOrEqual(4);
    expect([...many.terms].sort()).toEqual(many.terms);
  });

  it('drops names, numbers and addresses', () => {
    const t = topic(
      'ask Rosalind at rosalind@example.com or call 0207 946 0000 about massage chairs',
    );
    expect(t.terms.join(' ')).not.toMatch(/rosalind|\d/);
    expect(t.terms).toContain('chairs');
  });

  it('logs nothing but a flag when any word of the safety lexicon appears', () => {
    for (const text of [
      'my numbness is weird',
      'I had whiplash from a car accident',
      'tingling fingers and a massage gun',
      'a fresh tattoo on my neck',
    ]) {
      expect(topic(text)).toEqual({ terms: [], safetyRelated: true });
    }
    expect(normalize('dizzzy').tokens).toEqual(['dizzy']);
    expect(topic('dizzzy after a sauna').safetyRelated).toBe(true);
  });
});
