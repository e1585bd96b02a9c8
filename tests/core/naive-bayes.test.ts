import { NaiveBayes } from '../../src/core/naive-bayes';

describe('NaiveBayes', () => {
  // Features 0,1 are typical of class 0, features 2,3 of class 1; feature 4 is in neither.
  const examples = [
    { features: [0, 1], label: 0 },
    { features: [0], label: 0 },
    { features: [2, 3], label: 1 },
    { features: [3, 1], label: 1 },
  ];
  const model = new NaiveBayes(2, 5, examples);

  it('prefers the class a feature is typical of', () => {
    expect(model.predict([0])[0]).toBeGreaterThan(0.9);
    // P(3 | 1) = (2 + 0.2) / (4 words + 0.2 * 5 features); P(3 | 0) = (0 + 0.2) / (3 + 1)
    expect(model.predict([3])[1]).toBeCloseTo(0.44 / (0.44 + 0.05), 12);
    // feature 1 is seen once in each class, but class 0 has fewer words: it is likelier there
    expect(model.predict([1])[0]).toBeGreaterThan(0.5);
  });

  it('returns probabilities that sum to one, and equal ones for no evidence', () => {
    for (const features of [[], [0], [2, 3], [0, 3], [4]]) {
      const p = model.predict(features);
      expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
    }
    expect([...model.predict([])]).toEqual([0.5, 0.5]);
  });

  it('sums the log likelihoods of counted and never-counted features alike', () => {
    // Class 0: 3 words; class 1: 4 words; smoothing 0.2 over 5 features.
    const like = (count: number, words: number) => (count + 0.2) / (words + 1);
    const p0 = like(2, 3) * like(0, 3) * like(0, 3); // features 0, 3, 4 in class 0
    const p1 = like(0, 4) * like(2, 4) * like(0, 4); // ... in class 1
    expect(model.predict([0, 3, 4])[0]).toBeCloseTo(p0 / (p0 + p1), 12);
  });

  it('adds up evidence: more typical features, more confidence', () => {
    expect(model.predict([2, 3])[1]).toBeGreaterThan(model.predict([3])[1]!);
  });

  it('smooths: a feature never seen in a class does not rule it out', () => {
    const p = model.predict([0, 2]);
    expect(p[0]).toBeGreaterThan(0);
    expect(p[1]).toBeGreaterThan(0);
  });
});
