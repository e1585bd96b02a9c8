import { softmaxInPlace } from './softmax';

/**
 * A multinomial naive Bayes classifier over sparse binary features, with additive smoothing and
 * equal class priors. It ranks classes by how typical each feature is of them, a different bias
 * from the softmax classifier's (which learns what separates classes): blended, each corrects
 * some of the other's mistakes on phrasings neither was trained on.
 *
 * logLikelihood[feature * classCount + class] = log P(feature | class).
 */
export interface NaiveBayesExample {
  features: readonly number[];
  label: number;
}

export class NaiveBayes {
  private readonly logLikelihood: Float64Array;

  /** Counts `examples`, or takes the log likelihoods of a model counted earlier. */
  constructor(
    readonly classCount: number,
    readonly featureCount: number,
    examples: readonly NaiveBayesExample[] | Float64Array,
    smoothing = 0.2,
  ) {
    if (examples instanceof Float64Array) {
      if (examples.length !== featureCount * classCount)
        throw new Error('naive Bayes likelihoods do not fit the class and feature counts');
      this.logLikelihood = examples;
      return;
    }
    const counts = new Float64Array(featureCount * classCount);
    const totals = new Float64Array(classCount);
    for (const e of examples) {
      for (const f of e.features) counts[f * classCount + e.label]! += 1;
      totals[e.label]! += e.features.length;
    }
    this.logLikelihood = new Float64Array(featureCount * classCount);
    for (let c = 0; c < classCount; c++) {
      const denominator = totals[c]! + smoothing * featureCount;
      for (let f = 0; f < featureCount; f++) {
        const i = f * classCount + c;
        this.logLikelihood[i] = Math.log((counts[i]! + smoothing) / denominator);
      }
    }
  }

  get logLikelihoods(): Float64Array {
    return this.logLikelihood;
  }

  /** Class probabilities for the given feature ids. */
  predict(features: readonly number[]): Float64Array {
    const { classCount, logLikelihood } = this;
    const out = new Float64Array(classCount);
    for (const f of features) {
      const row = f * classCount;
      for (let c = 0; c < classCount; c++) out[c]! += logLikelihood[row + c]!;
    }
    return softmaxInPlace(out);
  }
}
