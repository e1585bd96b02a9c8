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

/**
 * The log likelihoods as stored in a build artifact: a feature never counted in a class has that
 * class's `unseen` value (the smoothing alone), so only the counted entries are kept, as positions
 * in the dense matrix and their values. Expanding gives back the very same numbers.
 */
export interface NaiveBayesModel {
  unseen: Float64Array;
  at: Int32Array;
  values: Float64Array;
}

export class NaiveBayes {
  private readonly logLikelihood: Float64Array;
  readonly model: NaiveBayesModel;

  /** Counts `examples`, or expands the model of a classifier counted earlier. */
  constructor(
    readonly classCount: number,
    readonly featureCount: number,
    examples: readonly NaiveBayesExample[] | NaiveBayesModel,
    smoothing = 0.2,
  ) {
    const size = featureCount * classCount;
    if (!Array.isArray(examples)) {
      const model = examples as NaiveBayesModel;
      const { unseen, at, values } = model;
      if (unseen.length !== classCount || at.length !== values.length)
        throw new Error('naive Bayes likelihoods do not fit the class and feature counts');
      const ll = (this.logLikelihood = new Float64Array(size));
      for (let f = 0; f < featureCount; f++) ll.set(unseen, f * classCount);
      for (let k = 0; k < at.length; k++) {
        const i = at[k]!;
        if (i < 0 || i >= size)
          throw new Error('naive Bayes likelihoods do not fit the class and feature counts');
        ll[i] = values[k]!;
      }
      this.model = model;
      return;
    }
    const counts = new Float64Array(size);
    const totals = new Float64Array(classCount);
    for (const e of examples as readonly NaiveBayesExample[]) {
      for (const f of e.features) counts[f * classCount + e.label]! += 1;
      totals[e.label]! += e.features.length;
    }
    this.logLikelihood = new Float64Array(size);
    const unseen = new Float64Array(classCount);
    const at: number[] = [];
    for (let c = 0; c < classCount; c++) {
      const denominator = totals[c]! + smoothing * featureCount;
      unseen[c] = Math.log((0 + smoothing) / denominator);
      for (let f = 0; f < featureCount; f++) {
        const i = f * classCount + c;
        this.logLikelihood[i] = Math.log((counts[i]! + smoothing) / denominator);
        if (this.logLikelihood[i] !== unseen[c]) at.push(i);
      }
    }
    at.sort((a, b) => a - b);
    this.model = {
      unseen,
      at: Int32Array.from(at),
      values: Float64Array.from(at, (i) => this.logLikelihood[i]!),
    };
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
