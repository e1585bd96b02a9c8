import type { Answer, OutOfScope } from '../content/schema';
import { SoftmaxClassifier, type SoftmaxParameters } from './classifier';
import { LexicalBridge } from './lexical-bridge';
import { NaiveBayes, type NaiveBayesModel } from './naive-bayes';
import type { Language } from './language';
import { sentencesOf } from './sentences';
import type { Speller } from './speller';
import type { Synonyms } from './synonyms';
import { loadWordNet } from './wordnet';

/** The matcher's settings, from content/nlu.yaml (see content/nlu-settings.ts for each entry). */
export interface MatcherSettings {
  /** Minimum calibrated confidence for an answer. */
  answerConfidence: number;
  /** Below the answer confidence but at least this: "did you mean" with the best candidates. */
  clarifyConfidence: number;
  /** Spelling-correct typed words to the bank's vocabulary before matching. */
  speller: boolean;
  /** Map words and phrases through content/synonyms.yaml, on both sides. */
  synonyms: boolean;
  /** Read a word the bank never saw as a bank word WordNet relates it to (see LexicalBridge). */
  lexicalBridge: boolean;
  /** Weight of words the bank has never seen, relative to a word found in one topic only. */
  unknownWeight: number;
  /** Share of the classifier's probability in the final score; the rest is the cosine score. */
  classifierShare: number;
  /** Share of naive Bayes in the classifier's split of the in-scope probability between answers. */
  naiveBayesShare: number;
  /** A keyword only one answer uses keeps the question in scope. */
  answerOnlyKeywords: boolean;
  /** Confidence is multiplied by this when the question names an out-of-scope keyword ("cost", "feet"). */
  outOfScopeKeywordFactor: number;
  /** The logistic that maps the raw score and lead to a confidence (`eval --calibrate`). */
  calibration: Calibration;
}

export interface Calibration {
  bias: number;
  score: number;
  lead: number;
}

/** The negative class: examples of questions the coach does not cover. */
export const OUT_OF_SCOPE = '~out-of-scope';

export interface Candidate {
  id: string;
  score: number;
}

/**
 * What training the matcher produces: the vocabulary (term id = index in `terms`, in the order
 * training assigned them) and every learnt array. Built at build time, loaded at start-up.
 */
export interface MatcherModel {
  terms: string[];
  idf: Float64Array;
  /** Each term's weight in each class's unit vector, without the zeros (see `CosineIndex`). */
  cosine: CosineIndex;
  classIds: string[];
  outOfScopeTerms: string[];
  answerOnlyKeywords: string[];
  softmax: SoftmaxParameters;
  naiveBayes: NaiveBayesModel;
  /** The lexical bridge's [stem, bank word] pairs (empty when the bridge is off). */
  bridge: Array<[string, string]>;
}

export type MatchDecision = 'answer' | 'clarify' | 'none';

export interface MatchResult {
  decision: MatchDecision;
  /** Answer topics, best first; at most three. */
  candidates: Candidate[];
  /** Calibrated 0..1 confidence in the best candidate (or in "none" when out of scope wins). */
  confidence: number;
  /** Raw scores, for calibration and debugging. */
  best: number;
  lead: number;
  /** The utterance names an out-of-scope keyword ("foot", "price"). */
  namesOutOfScope: boolean;
}

/** Typed words whose reading is kept at most; past it the table starts again (only time is lost). */
const READ_WORD_CACHE_LIMIT = 20_000;

/**
 * Scores answer topics against an utterance: a softmax classifier trained on the alternate
 * questions, with naive Bayes mixed into how it shares the in-scope probability between answers,
 * blended with the TF-IDF cosine to each topic's whole vocabulary (IDF counted per topic, so
 * words every topic shares, "neck" and "massage", weigh little). Typed words are
 * spelling-corrected and mapped through synonyms first; adjacent-word bigrams reward phrases
 * ("trigger point"). Words the bank has never seen count against a match, and an out-of-scope
 * class learnt from examples competes with the answers.
 *
 * Every term the bank knows gets a small integer id; its IDF, classifier weights and topic
 * weights are rows of flat arrays, so a question costs one map lookup per term.
 */
export class AnswerMatcher {
  private readonly termIds = new Map<string, number>();
  /** idf[term id] */
  private readonly idf: Float64Array;
  private readonly cosine: CosineIndex;
  private readonly unknownIdf: number;
  private readonly classifier: SoftmaxClassifier;
  /** Over the answer classes only: the out-of-scope class is the last one, after them. */
  private readonly naiveBayes: NaiveBayes;
  private readonly classIds: string[];
  private readonly outOfScopeTerms: Set<string>;
  /** Single-word keywords ("sternocleidomastoid") that only one answer uses and no out-of-scope example does. */
  private readonly answerOnlyKeywords: Set<string>;
  private readonly bridge: LexicalBridge;

  /**
   * The terms that override scope: a question with one of them is never out of scope (the
   * out-of-scope class scores nothing) unless it also names an out-of-scope keyword.
   */
  get scopeOverrides(): ReadonlySet<string> {
    return this.answerOnlyKeywords;
  }

  /** A word or phrase as the matcher's terms (stop words out, stemmed, synonyms applied). */
  termsOfText(text: string): string[] {
    return this.termsOf(this.language.normalize(text).tokens);
  }

  /**
   * Trains on the answers and out-of-scope examples, or, given `model` (what `model()` gave for the
   * same content, built ahead of time), takes its vocabulary and weights instead of training.
   */
  constructor(
    answers: readonly Answer[],
    outOfScope: OutOfScope,
    private readonly synonyms: Synonyms,
    private readonly speller: Speller,
    private readonly settings: MatcherSettings,
    private readonly language: Language,
    model?: MatcherModel,
    /** The words the lexical bridge may read as bank words (common English words). */
    bridgeWords: Iterable<string> = [],
  ) {
    if (model) {
      const classes = model.classIds.length;
      const features = model.terms.length;
      model.terms.forEach((term, id) => this.termIds.set(term, id));
      this.idf = model.idf;
      this.cosine = model.cosine;
      this.classIds = [...model.classIds];
      this.outOfScopeTerms = new Set(model.outOfScopeTerms);
      this.answerOnlyKeywords = new Set(model.answerOnlyKeywords);
      this.classifier = new SoftmaxClassifier(classes, features, model.softmax);
      this.naiveBayes = new NaiveBayes(classes - 1, features, model.naiveBayes);
      this.unknownIdf = Math.log(1 + classes) * settings.unknownWeight;
      this.bridge = new LexicalBridge(model.bridge);
      const { start, classes: owners, weights } = this.cosine;
      if (
        this.idf.length !== features ||
        start.length !== features + 1 ||
        start[features] !== weights.length ||
        owners.length !== weights.length ||
        owners.some((c) => c < 0 || c >= classes)
      )
        throw new Error('matcher model: the arrays do not fit its vocabulary and classes');
      return;
    }
    const topics = [
      ...answers.map((a) => ({
        id: a.id,
        // The answer's own spoken sentences teach the words an answer uses ("flexibility", "knots").
        questions: [...a.questions, ...sentencesOf(a.speech)],
        keywords: [a.title, ...a.keywords],
      })),
      { id: OUT_OF_SCOPE, questions: outOfScope.questions, keywords: outOfScope.keywords },
    ];
    const analysed = topics.map((t) => ({
      id: t.id,
      docs: [...t.questions, t.keywords.join(' ')].map(
        (text) => new Set(this.termsOf(language.normalize(text).tokens)),
      ),
    }));
    const df: number[] = [];
    for (const t of analysed) {
      for (const term of new Set(t.docs.flatMap((d) => [...d]))) {
        let id = this.termIds.get(term);
        if (id === undefined) this.termIds.set(term, (id = df.length));
        df[id] = (df[id] ?? 0) + 1;
      }
    }
    this.idf = Float64Array.from(df, (n) => Math.log(1 + topics.length / n));
    this.unknownIdf = Math.log(1 + topics.length) * settings.unknownWeight;

    this.classIds = analysed.map((t) => t.id);
    const classes = this.classIds.length;
    this.outOfScopeTerms = new Set(
      outOfScope.keywords.flatMap((k) => this.termsOf(language.normalize(k).tokens)),
    );
    this.answerOnlyKeywords = answerOnlyKeywords(
      analysed.slice(0, -1),
      answers
        .flatMap((a) => a.keywords.filter((k) => !k.includes(' ')))
        .flatMap((k) => this.termsOf(language.normalize(k).tokens)),
      analysed[analysed.length - 1]!,
    );
    // Every question of every class, as the ids of its terms: what all three models learn from.
    const examples = analysed.flatMap((t, label) =>
      t.docs.map((terms) => ({
        features: [...terms].map((term) => this.termIds.get(term)!),
        value: 1 / Math.sqrt(terms.size || 1),
        label,
      })),
    );
    this.classifier = new SoftmaxClassifier(classes, df.length, examples);

    // Naive Bayes only ranks the answers. Out-of-scope questions share few words with each other, so
    // its likelihoods for that class are flat and say little; the scope stays the softmax's call.
    const answerClasses = classes - 1;
    this.naiveBayes = new NaiveBayes(
      answerClasses,
      df.length,
      examples.filter((e) => e.label < answerClasses),
    );

    const tf = Array.from({ length: classes }, () => new Map<number, number>());
    for (const { features, label } of examples) {
      for (const id of features) tf[label]!.set(id, (tf[label]!.get(id) ?? 0) + 1);
    }
    // topicWeights[term id * classes + class]: the term's weight in each class's unit vector.
    const topicWeights = new Float64Array(df.length * classes);
    tf.forEach((counts, cls) => {
      const weights = [...counts].map(
        ([id, n]) => [id, (1 + Math.log(n)) * this.idf[id]!] as const,
      );
      const norm = Math.hypot(...weights.map(([, w]) => w)) || 1;
      for (const [id, w] of weights) topicWeights[id * classes + cls] = w / norm;
    });
    this.cosine = cosineIndex(topicWeights, classes);
    this.bridge = settings.lexicalBridge
      ? LexicalBridge.build(
          loadWordNet(),
          {
            knows: (word) => this.knows(word),
            bridgeable: (word) => this.bridgeable(word),
          },
          bridgeWords,
        )
      : new LexicalBridge([]);
  }

  /** The word's unigram terms, after synonyms (none for a stop word or a request "tell"). */
  private wordTerms(word: string): string[] {
    return this.termsOf([word]).filter((t) => !t.includes('_'));
  }

  /** The bank knows the word: it has terms, and the matcher learnt each. */
  private knows(word: string): boolean {
    const terms = this.wordTerms(word);
    return terms.length > 0 && terms.every((t) => this.termIds.has(t));
  }

  /** A content word the bank never saw: it has terms, and the matcher learnt not all of them. */
  private isUnknown(word: string): boolean {
    return (
      word.length > 1 && !/^\d+$/.test(word) && !this.knows(word) && this.wordTerms(word).length > 0
    );
  }

  /** A word the bank never saw and the synonyms do not rewrite. */
  private bridgeable(word: string): boolean {
    const mapped = this.synonyms.apply([word]);
    return mapped.length === 1 && mapped[0] === word && this.isUnknown(word);
  }

  /**
   * The typed word as the matcher reads it: spelling-corrected, then bridged to a bank word. Kept
   * between turns: a long message is read whole and again in its parts, and words come back.
   */
  private readWord(token: string): string {
    let word = this.readWords.get(token);
    if (word === undefined) {
      word = this.readWordNow(token);
      if (this.readWords.size >= READ_WORD_CACHE_LIMIT) this.readWords.clear();
      this.readWords.set(token, word);
    }
    return word;
  }

  private readonly readWords = new Map<string, string>();

  private readWordNow(token: string): string {
    const word = this.settings.speller ? this.speller.correct(token) : token;
    if (!this.settings.lexicalBridge || this.language.terms.isStopword(word)) return word;
    const bridged = this.bridge.wordFor(word);
    return bridged !== undefined && this.isUnknown(word) ? bridged : word;
  }

  /**
   * The content words of an utterance the bank's vocabulary does not know, after spelling
   * correction and synonyms but before the lexical bridge: the vocabulary gap.
   */
  unknownWords(tokens: readonly string[]): string[] {
    return tokens
      .map((t) => (this.settings.speller ? this.speller.correct(t) : t))
      .filter((w) => this.isUnknown(w));
  }

  /** The trained vocabulary and weights, for a build artifact (see `nlu-model.ts`). */
  model(): MatcherModel {
    return {
      terms: [...this.termIds.keys()],
      idf: this.idf,
      cosine: this.cosine,
      classIds: this.classIds,
      outOfScopeTerms: [...this.outOfScopeTerms],
      answerOnlyKeywords: [...this.answerOnlyKeywords],
      softmax: this.classifier.parameters,
      naiveBayes: this.naiveBayes.model,
      bridge: this.bridge.entries(),
    };
  }

  private termsOf(tokens: readonly string[]): string[] {
    return this.language.terms.termsOf(
      this.settings.synonyms ? this.synonyms.apply(tokens) : tokens,
    );
  }

  /**
   * `namesTechnique`: the utterance names one of the coach's own techniques ("kneading", "trigger
   * point release"), so it is in scope: the out-of-scope class may still lower the confidence but
   * never wins, unless the utterance also names an out-of-scope keyword ("foot", "price"). A word
   * that only one answer's keywords use ("sternocleidomastoid") counts the same: long messages
   * dilute the classifier's evidence until the out-of-scope prior wins despite such a word.
   */
  match(tokens: readonly string[], namesTechnique = false): MatchResult {
    const terms = new Set(this.termsOf(tokens.map((t) => this.readWord(t))));
    if (terms.size === 0)
      return {
        decision: 'none',
        candidates: [],
        confidence: 0,
        best: 0,
        lead: 0,
        namesOutOfScope: false,
      };

    const classes = this.classIds.length;
    const known: number[] = [];
    let queryNorm = 0;
    let knownMass = 0;
    let totalMass = 0;
    let namesOutOfScope = false;
    let inScope = namesTechnique;
    const cosine = new Float64Array(classes);
    const { start: cosineStart, classes: cosineClass, weights: cosineWeight } = this.cosine;
    for (const term of terms) {
      if (this.outOfScopeTerms.has(term)) namesOutOfScope = true;
      if (this.settings.answerOnlyKeywords && this.answerOnlyKeywords.has(term)) inScope = true;
      const id = this.termIds.get(term);
      // An unknown bigram is not penalised: its words already are.
      const w = id !== undefined ? this.idf[id]! : term.includes('_') ? 0 : this.unknownIdf;
      queryNorm += w * w;
      totalMass += w;
      if (id === undefined) continue;
      known.push(id);
      knownMass += w;
      // Adding the zeros of the dense row changed nothing: skipping them gives the same sums.
      for (let k = cosineStart[id]!, end = cosineStart[id + 1]!; k < end; k++)
        cosine[cosineClass[k]!]! += w * cosineWeight[k]!;
    }
    queryNorm = Math.sqrt(queryNorm) || 1;

    const { classifierShare } = this.settings;
    const coverage = totalMass > 0 ? knownMass / totalMass : 0;
    const probs = this.classifier.predict(known, 1 / Math.sqrt(terms.size));
    this.blendNaiveBayes(probs, known);
    const scores = cosine; // reused: each class's blended score
    for (let c = 0; c < classes; c++) {
      scores[c] =
        classifierShare * probs[c]! * coverage + (1 - classifierShare) * (cosine[c]! / queryNorm);
    }
    if (inScope && !namesOutOfScope) scores[classes - 1] = 0;
    return this.decide(this.topCandidates(scores), namesOutOfScope);
  }

  /** Mixes naive Bayes into the softmax's split of the in-scope probability between the answers. */
  private blendNaiveBayes(probs: Float64Array, known: readonly number[]): void {
    const share = this.settings.naiveBayesShare;
    if (share === 0) return;
    const bayes = this.naiveBayes.predict(known);
    const inScope = 1 - probs[bayes.length]!;
    for (let c = 0; c < bayes.length; c++)
      probs[c] = (1 - share) * probs[c]! + share * bayes[c]! * inScope;
  }

  /**
   * The best classes, best first (ties keep class order, as a stable sort would): enough for the
   * decision, which needs the top two and the best three answers (out of scope may be among them).
   */
  private topCandidates(scores: Float64Array): Candidate[] {
    const keep = 4;
    const top: number[] = [];
    for (let c = 0; c < scores.length; c++) {
      const s = scores[c]!;
      if (top.length === keep && s <= scores[top[keep - 1]!]!) continue;
      let at = top.length;
      while (at > 0 && scores[top[at - 1]!]! < s) at--;
      top.splice(at, 0, c);
      if (top.length > keep) top.pop();
    }
    return top.map((c) => ({ id: this.classIds[c]!, score: scores[c]! }));
  }

  private decide(ranked: Candidate[], namesOutOfScope: boolean): MatchResult {
    const { answerConfidence, clarifyConfidence } = this.settings;
    const confidenceFactor = namesOutOfScope ? this.settings.outOfScopeKeywordFactor : 1;
    const top = ranked[0];
    if (!top)
      return { decision: 'none', candidates: [], confidence: 0, best: 0, lead: 0, namesOutOfScope };
    const lead = top.score - (ranked[1]?.score ?? 0);
    const confidence =
      Math.round(calibrate(top.score, lead, this.settings.calibration) * confidenceFactor * 100) /
      100;
    const answers = ranked.filter((c) => c.id !== OUT_OF_SCOPE).slice(0, 3);
    const raw = { best: top.score, lead, namesOutOfScope };
    if (top.id === OUT_OF_SCOPE)
      return { decision: 'none', candidates: answers, confidence, ...raw };
    if (confidence >= answerConfidence)
      return { decision: 'answer', candidates: answers, confidence, ...raw };
    if (confidence >= clarifyConfidence)
      return { decision: 'clarify', candidates: answers, confidence, ...raw };
    const against = Math.round((1 - confidence) * 100) / 100;
    return { decision: 'none', candidates: answers, confidence: against, ...raw };
  }
}

/**
 * Maps the raw score and the lead over the runner-up to 0..1 with a logistic fitted on
 * tests/eval/dev.jsonl (`npm run eval -- --calibrate` writes it to content/nlu.yaml).
 */
export function calibrate(score: number, lead: number, c: Calibration): number {
  const z = c.bias + c.score * score + c.lead * lead;
  return Math.round((1 / (1 + Math.exp(-z))) * 100) / 100;
}

/**
 * The keyword terms that only one answer's questions, speech or keywords contain and no
 * out-of-scope example does.
 */
function answerOnlyKeywords(
  answers: readonly { docs: readonly Set<string>[] }[],
  keywordTerms: readonly string[],
  outOfScope: { docs: readonly Set<string>[] },
): Set<string> {
  const inOutOfScope = (term: string) => outOfScope.docs.some((d) => d.has(term));
  const owners = (term: string) => answers.filter((a) => a.docs.some((d) => d.has(term))).length;
  return new Set(keywordTerms.filter((term) => !inOutOfScope(term) && owners(term) === 1));
}

/**
 * A dense term-by-class weight matrix without its zeros, row by row (a term weighs in two classes
 * of thirty on average): the classes and weights of term t are at start[t] .. start[t + 1]. The
 * matcher reads only this form, and the build artifact stores it (a twentieth of the dense size).
 */
export interface CosineIndex {
  start: Int32Array;
  classes: Int32Array;
  weights: Float64Array;
}

function cosineIndex(dense: Float64Array, classes: number): CosineIndex {
  const features = dense.length / classes;
  let nonZero = 0;
  for (const w of dense) if (w !== 0) nonZero++;
  const index: CosineIndex = {
    start: new Int32Array(features + 1),
    classes: new Int32Array(nonZero),
    weights: new Float64Array(nonZero),
  };
  let at = 0;
  for (let f = 0; f < features; f++) {
    index.start[f] = at;
    for (let c = 0; c < classes; c++) {
      const w = dense[f * classes + c]!;
      if (w === 0) continue;
      index.classes[at] = c;
      index.weights[at++] = w;
    }
  }
  index.start[features] = at;
  return index;
}
