import { softmaxInPlace } from './softmax';

/**
 * A small multinomial logistic-regression (softmax) classifier over sparse binary features,
 * trained at start-up from the answer bank's alternate questions. Deterministic: zero initial
 * weights and a fixed example order, so the same content always gives the same model.
 *
 * Features are small integer ids and the weights one contiguous matrix (a row of class weights
 * per feature): a prediction reads a few adjacent rows instead of chasing a map of arrays, which
 * matters most when the caches are cold, as they are at the start of each server request.
 */
export interface Example {
  /** Ids of the features present; each has the same value `value`. */
  features: readonly number[];
  value: number;
  label: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
}

export const DEFAULT_TRAINING: TrainOptions = { epochs: 40, learningRate: 0.8, l2: 1e-5 };

/** A trained model's parameters, as `SoftmaxClassifier.parameters` gives them (for a build artifact). */
export interface SoftmaxParameters {
  weights: Float64Array;
  bias: Float64Array;
}

export class SoftmaxClassifier {
  /** weights[feature * classCount + class] */
  private readonly weights: Float64Array;
  private readonly bias: Float64Array;

  /** Trains on `examples`, or takes the parameters of a model trained earlier. */
  constructor(
    readonly classCount: number,
    readonly featureCount: number,
    examples: readonly Example[] | SoftmaxParameters,
    options: TrainOptions = DEFAULT_TRAINING,
  ) {
    if (!Array.isArray(examples)) {
      const trained = examples as SoftmaxParameters;
      if (
        trained.weights.length !== featureCount * classCount ||
        trained.bias.length !== classCount
      )
        throw new Error('softmax parameters do not fit the class and feature counts');
      this.weights = trained.weights;
      this.bias = trained.bias;
      return;
    }
    this.bias = new Float64Array(classCount);
    this.weights = new Float64Array(featureCount * classCount);
    const w = this.weights;
    const probs = new Float64Array(classCount);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.learningRate / (1 + epoch * 0.1);
      for (const e of examples as readonly Example[]) {
        this.scoresInto(e.features, e.value, probs);
        softmaxInPlace(probs);
        probs[e.label]! -= 1; // gradient of the cross-entropy wrt the scores
        for (const f of e.features) {
          const row = f * classCount;
          for (let c = 0; c < classCount; c++)
            w[row + c] = w[row + c]! * (1 - rate * options.l2) - rate * probs[c]! * e.value;
        }
        for (let c = 0; c < classCount; c++) this.bias[c]! -= rate * probs[c]! * 0.1;
      }
    }
  }

  get parameters(): SoftmaxParameters {
    return { weights: this.weights, bias: this.bias };
  }

  private scoresInto(features: readonly number[], x: number, out: Float64Array): void {
    out.set(this.bias);
    const { classCount, weights } = this;
    for (const f of features) {
      const row = f * classCount;
      for (let c = 0; c < classCount; c++) out[c]! += weights[row + c]! * x;
    }
  }

  /** Class probabilities for the given feature ids, each of value `x`. */
  predict(features: readonly number[], x: number): Float64Array {
    const out = new Float64Array(this.classCount);
    this.scoresInto(features, x, out);
    return softmaxInPlace(out);
  }
}
