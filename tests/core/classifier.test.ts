import { SoftmaxClassifier } from '../../src/core/classifier';

describe('SoftmaxClassifier', () => {
  // Features 0,1 only ever appear with class 0, features 2,3 with class 1; feature 4 never appears.
  const examples = [
    { features: [0, 1], value: Math.SQRT1_2, label: 0 },
    { features: [0], value: 1, label: 0 },
    { features: [2, 3], value: Math.SQRT1_2, label: 1 },
    { features: [3], value: 1, label: 1 },
  ];
  const model = new SoftmaxClassifier(2, 5, examples);

  it('learns which class each feature belongs to', () => {
    expect(model.predict([0], 1)[0]).toBeGreaterThan(0.9);
    expect(model.predict([3], 1)[1]).toBeGreaterThan(0.9);
    expect(model.predict([1, 0], Math.SQRT1_2)[0]).toBeGreaterThan(0.9);
  });

  it('returns probabilities that sum to one', () => {
    for (const features of [[], [0], [2, 3], [0, 3], [4]]) {
      const p = model.predict(features, 1);
      expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
    }
  });

  it('gives a feature it never trained on no weight: same answer as no feature at all', () => {
    expect([...model.predict([4], 1)]).toEqual([...model.predict([], 1)]);
    expect([...model.predict([0, 4], 1)]).toEqual([...model.predict([0], 1)]);
  });

  it('is deterministic: the same examples give the same model', () => {
    const again = new SoftmaxClassifier(2, 5, examples);
    expect([...again.predict([0, 3], 0.5)]).toEqual([...model.predict([0, 3], 0.5)]);
  });
});
