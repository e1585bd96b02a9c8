import type { ContentBundle } from '../content/bundle';
import type { Language } from './language';
import { framingOfWhole, type SafetyHit, type SafetyRouter } from './safety';
import { SafetyNet, type NetReading, type SafetyNetModel } from './safety-net';
import { netFamilies, netTrainingSet } from './safety-net-training';
import { SafetyVocabulary } from './safety-vocabulary';

/** A message with health-state signals that no layer is sure of: the net's leaning, as ids only. */
export interface SafetyCheck {
  /** The family the net leaned to. */
  id: string;
  score: number;
}

export interface SafetyAssessment {
  hit: SafetyHit | undefined;
  /** Set only when there is no hit: a one-sentence safety check goes before the reply. */
  check: SafetyCheck | undefined;
}

/** The learned net and how content/safety/net.yaml says to use it. */
export interface NetLayer {
  net: SafetyNet;
  /** The net adds hits (off: it only feeds the unsure tier, when that is on). */
  fires: boolean;
  threshold: number;
  /** The least score for a safety check; undefined when the unsure tier is off. */
  unsure: number | undefined;
  /** The least words of a message the net may fire on (shorter ones only get the check). */
  minWords: number;
  /** When set, the net fires only on a message that uses one of its words. */
  vocabulary: SafetyVocabulary | undefined;
}

const NOTHING: SafetyAssessment = { hit: undefined, check: undefined };

/**
 * The safety router's layers in order. The phrase lexicon and the concepts decide first; the net
 * is asked only when they found nothing, so where the layers disagree safety wins, and where both
 * would fire the lexicon's or concept's id stands.
 */
export class SafetyLayers {
  constructor(
    readonly rules: SafetyRouter,
    private readonly layer: NetLayer | undefined,
  ) {}

  assess(tokens: readonly string[], inRoutine = false): SafetyAssessment {
    const hit = this.rules.detect(tokens, inRoutine);
    if (hit || !this.layer) return hit ? { hit, check: undefined } : NOTHING;
    const { net, fires, threshold, unsure, minWords, vocabulary } = this.layer;
    const reading = net.read(tokens);
    if (!reading) return NOTHING;
    if (
      fires &&
      reading.score >= threshold &&
      tokens.length >= minWords &&
      (!vocabulary || vocabulary.speaksOf(tokens))
    ) {
      return {
        hit: {
          id: reading.id,
          kind: reading.id === 'emergency' ? 'emergency' : 'precaution',
          trigger: 'net',
          exact: false,
          framing: framingOfWhole(tokens, this.rules.framing),
        },
        check: undefined,
      };
    }
    if (unsure !== undefined && reading.score >= unsure)
      return { hit: undefined, check: { id: reading.id, score: reading.score } };
    return NOTHING;
  }

  /** Each layer's own reading, for choosing the thresholds (eval --net-sweep). */
  explain(tokens: readonly string[]): {
    rules: SafetyHit | undefined;
    net: NetReading | undefined;
  } {
    return { rules: this.rules.detect(tokens), net: this.layer?.net.read(tokens) };
  }

  /** The trained net's parameters, for the build artifact (undefined when the net is not used). */
  netModel(): SafetyNetModel | undefined {
    return this.layer?.net.model;
  }
}

/**
 * The net layer content/safety/net.yaml asks for: taken from `model` (the build artifact) or
 * trained here on the content's lines; undefined when the content has no net, or neither its
 * firing nor its unsure tier is on.
 */
export function netLayerOf(
  content: ContentBundle,
  language: Language,
  rules: SafetyRouter,
  model?: SafetyNetModel,
): NetLayer | undefined {
  const settings = content.safetyNet;
  if (!settings || (!settings.enabled && !settings.unsure.enabled)) return undefined;
  const net = model
    ? SafetyNet.fromModel(model)
    : SafetyNet.train(
        netTrainingSet(content, language, (tokens) => rules.detect(tokens) !== undefined),
        netFamilies(content),
      );
  return {
    net,
    fires: settings.enabled,
    threshold: settings.threshold,
    unsure: settings.unsure.enabled ? settings.unsure.threshold : undefined,
    minWords: settings.minWords,
    vocabulary:
      settings.enabled && settings.needsLexiconWord
        ? new SafetyVocabulary(content.lexicon, language)
        : undefined,
  };
}
