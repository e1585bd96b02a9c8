import { StringTable } from '../../src/core/string-table';

describe('StringTable', () => {
  const words = ['neck', 'shoulder', 'b neck pain', 'c <ne', '', 'naïve', 'neck'];
  const table = StringTable.build(words);

  it('finds each string at its first index and nothing else', () => {
    expect(table.size).toBe(6);
    expect(table.indexOf('neck')).toBe(0);
    expect(table.indexOf('shoulder')).toBe(1);
    expect(table.indexOf('b neck pain')).toBe(2);
    expect(table.indexOf('')).toBe(4);
    expect(table.indexOf('naïve')).toBe(5);
    for (const absent of ['nec', 'necks', 'Neck', 'b neck', 'shoulder ', 'naive'])
      expect(table.has(absent)).toBe(false);
  });

  it('comes back the same from its parts, and refuses parts that do not fit', () => {
    const again = StringTable.fromParts(table.toParts());
    expect([...again]).toEqual([...table]);
    expect(again.indexOf('c <ne')).toBe(3);
    const { text, starts, slots } = table.toParts();
    expect(() => StringTable.fromParts({ text: `${text}x`, starts, slots })).toThrow(/do not fit/);
    expect(() =>
      StringTable.fromParts({ text, starts, slots: Int32Array.from(slots, () => 99) }),
    ).toThrow(/do not fit/);
  });

  it('agrees with a Set over many strings, colliding ones included', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `w${(i * 7919) % 10007}`);
    const big = StringTable.build(many);
    const set = new Set(many);
    for (let i = 0; i < 10007; i++) expect(big.has(`w${i}`)).toBe(set.has(`w${i}`));
    expect(big.size).toBe(set.size);
  });

  it('refuses a string with a newline', () => {
    expect(() => StringTable.build(['a\nb'])).toThrow(/newline/);
  });
});
