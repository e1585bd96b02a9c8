/**
 * A small multinomial logistic-regression (softmax) classifier over sparse features, trained at
 * start-up from the answer bank's alternate questions. Deterministic: zero initial weights and a
 * fixed example order, so the same content always gives the same model.
 */
export interface Example {
  features: ReadonlyMap<string, number>;
  label: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
}

export const DEFAULT_TRAINING: TrainOptions = { epochs: 40, learningRate: 0.8, l2: 1e-5 };

export class SoftmaxClassifier {
  /** weights.get(feature)[class] */
  private readonly weights = new Map<string, Float64Array>();
  private readonly bias: Float64Array;

  constructor(
    readonly classCount: number,
    examples: readonly Example[],
    options: TrainOptions = DEFAULT_TRAINING,
  ) {
    this.bias = new Float64Array(classCount);
    for (const e of examples) for (const f of e.features.keys()) this.row(f);
    const probs = new Float64Array(classCount);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.learningRate / (1 + epoch * 0.1);
      for (const e of examples) {
        this.scoresInto(e.features, probs);
        softmaxInPlace(probs);
        probs[e.label]! -= 1; // gradient of the cross-entropy wrt the scores
        for (const [f, x] of e.features) {
          const w = this.weights.get(f)!;
          for (let c = 0; c < classCount; c++)
            w[c] = w[c]! * (1 - rate * options.l2) - rate * probs[c]! * x;
        }
        for (let c = 0; c < classCount; c++) this.bias[c]! -= rate * probs[c]! * 0.1;
      }
    }
  }

  private row(feature: string): Float64Array {
    let w = this.weights.get(feature);
    if (!w) this.weights.set(feature, (w = new Float64Array(this.classCount)));
    return w;
  }

  private scoresInto(features: ReadonlyMap<string, number>, out: Float64Array): void {
    out.set(this.bias);
    for (const [f, x] of features) this.addFeature(out, f, x);
  }

  private addFeature(out: Float64Array, feature: string, x: number): void {
    const w = this.weights.get(feature);
    if (!w) return;
    for (let c = 0; c < this.classCount; c++) out[c]! += w[c]! * x;
  }

  /**
   * Class probabilities for binary features (the matcher's questions), each of value `x`: the
   * same as training's feature map with every value `x`, without building the map.
   */
  predict(terms: Iterable<string>, x: number): Float64Array {
    const out = new Float64Array(this.classCount);
    out.set(this.bias);
    for (const f of terms) this.addFeature(out, f, x);
    return softmaxInPlace(out);
  }

  knows(feature: string): boolean {
    return this.weights.has(feature);
  }
}

function softmaxInPlace(v: Float64Array): Float64Array {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] = Math.exp(v[i]! - max);
  for (let i = 0; i < v.length; i++) v[i]! /= sum;
  return v;
}
