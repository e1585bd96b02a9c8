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
  /** Each counted entry's class, and its value less that class's `unseen`. */
  private readonly deltaClass: Int32Array;
  private readonly delta: Float64Array;

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
    this.deltaClass = new Int32Array(at.length);
    this.delta = new Float64Array(at.length);
    let previous = -1;
    for (let k = 0; k < at.length; k++) {
      const i = at[k]!;
      if (i <= previous || i >= size)
        throw new Error('naive Bayes likelihoods do not fit the class and feature counts');
      previous = i;
      this.rowStart[Math.floor(i / classCount) + 1]!++;
      const c = i % classCount;
      this.deltaClass[k] = c;
      this.delta[k] = values[k]! - unseen[c]!;
    }
    for (let f = 0; f < featureCount; f++) this.rowStart[f + 1]! += this.rowStart[f]!;
  }

  /**
   * Class probabilities for the given feature ids. Each feature adds its row of the dense matrix:
   * `unseen` in every class, plus, where the feature was counted, that entry's difference from
   * `unseen`. A row of thirty classes holds two or three counted entries, so a feature costs those
   * few additions rather than a pass over every class, and no matrix of 100,000 mostly equal
   * numbers is fetched from memory.
   */
  predict(features: readonly number[]): Float64Array {
    const { classCount, rowStart, deltaClass, delta } = this;
    const { unseen } = this.model;
    const out = new Float64Array(classCount);
    const n = features.length;
    for (let c = 0; c < classCount; c++) out[c] = n * unseen[c]!;
    for (let i = 0; i < n; i++) {
      const f = features[i]!;
      for (let k = rowStart[f]!, end = rowStart[f + 1]!; k < end; k++)
        out[deltaClass[k]!]! += delta[k]!;
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
