import { softmaxInPlace } from './softmax';

/**
 * A multinomial naive Bayes classifier over sparse binary features, with additive smoothing and
 * equal class priors. It ranks classes by how typical each feature is of them, a different bias
 * from the softmax classifier's (which learns what separates classes): blended, each corrects
 * some of the other's mistakes on phrasings neither was trained on.
 *
 * The log likelihood of a feature in a class is log P(feature | class).
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
  readonly model: NaiveBayesModel;
  /** The counted entries of feature f are at rowStart[f] .. rowStart[f + 1] of the model's arrays. */
  private readonly rowStart: Int32Array;

  /** Counts `examples`, or takes the model of a classifier counted earlier. */
  constructor(
    readonly classCount: number,
    readonly featureCount: number,
    examples: readonly NaiveBayesExample[] | NaiveBayesModel,
    smoothing = 0.2,
  ) {
    const size = featureCount * classCount;
    this.model = Array.isArray(examples)
      ? counted(classCount, featureCount, examples as readonly NaiveBayesExample[], smoothing)
      : (examples as NaiveBayesModel);
    const { unseen, at, values } = this.model;
    if (unseen.length !== classCount || at.length !== values.length)
      throw new Error('naive Bayes likelihoods do not fit the class and feature counts');
    this.rowStart = new Int32Array(featureCount + 1);
    let previous = -1;
    for (let k = 0; k < at.length; k++) {
      const i = at[k]!;
      if (i <= previous || i >= size)
        throw new Error('naive Bayes likelihoods do not fit the class and feature counts');
      previous = i;
      this.rowStart[Math.floor(i / classCount) + 1]!++;
    }
    for (let f = 0; f < featureCount; f++) this.rowStart[f + 1]! += this.rowStart[f]!;
  }

  /**
   * Class probabilities for the given feature ids. Each feature adds its row of the dense matrix,
   * read from the counted entries and `unseen` (the same sums in the same order as the dense rows
   * gave, without a matrix of 100,000 mostly equal numbers to fetch from memory).
   */
  predict(features: readonly number[]): Float64Array {
    const { classCount, rowStart } = this;
    const { unseen, at, values } = this.model;
    const out = new Float64Array(classCount);
    for (const f of features) {
      const row = f * classCount;
      let k = rowStart[f]!;
      const end = rowStart[f + 1]!;
      for (let c = 0; c < classCount; c++) {
        if (k < end && at[k] === row + c) out[c]! += values[k++]!;
        else out[c]! += unseen[c]!;
      }
    }
    return softmaxInPlace(out);
  }
}

/** Counts the examples with additive smoothing and keeps the entries that differ from `unseen`. */
function counted(
  classCount: number,
  featureCount: number,
  examples: readonly NaiveBayesExample[],
  smoothing: number,
): NaiveBayesModel {
  const counts = new Float64Array(featureCount * classCount);
  const totals = new Float64Array(classCount);
  for (const e of examples) {
    for (const f of e.features) counts[f * classCount + e.label]! += 1;
    totals[e.label]! += e.features.length;
  }
  const unseen = new Float64Array(classCount);
  const at: number[] = [];
  const values: number[] = [];
  for (let c = 0; c < classCount; c++) {
    const denominator = totals[c]! + smoothing * featureCount;
    unseen[c] = Math.log((0 + smoothing) / denominator);
  }
  // Position order (feature by feature, class by class), as predict reads them.
  for (let f = 0; f < featureCount; f++) {
    for (let c = 0; c < classCount; c++) {
      const i = f * classCount + c;
      const denominator = totals[c]! + smoothing * featureCount;
      const value = Math.log((counts[i]! + smoothing) / denominator);
      if (value !== unseen[c]) {
        at.push(i);
        values.push(value);
      }
    }
  }
  return { unseen, at: Int32Array.from(at), values: Float64Array.from(values) };
}
