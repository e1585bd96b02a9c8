import type { LexiconTier, SafetyResponse } from '../content/schema';
import { Phrase } from './phrase';
import type { WordMatcher } from './word-match';

export type Framing = 'statement' | 'conditional';

export interface SafetyHit {
  id: string;
  kind: 'precaution' | 'emergency';
  /** The lexicon phrase that fired (for tests and debugging; never logged with user text). */
  trigger: string;
  exact: boolean;
  /** Negated or hypothetical mentions still route; they only change the wording. */
  framing: Framing;
}

interface CompiledTier {
  id: string;
  triggers: Phrase[];
  except: Phrase[];
}

const NEGATIONS = new Set([
  'not',
  'no',
  'never',
  'without',
  'free',
  'nor',
  'neither',
  'avoid',
  'prevent',
]);
const CONDITIONALS = new Set([
  'if',
  'whether',
  'suppose',
  'supposing',
  'case',
  'might',
  'could',
  'would',
]);
const QUESTION_STARTS = new Set([
  'what',
  'how',
  'can',
  'could',
  'should',
  'is',
  'are',
  'do',
  'does',
  'will',
  'would',
  'when',
  'why',
  'which',
  'may',
  'am',
]);
const NEGATION_WINDOW = 3;

/**
 * The safety router: runs first, on every turn, in every state. The first tier (in the lexicon's
 * priority order) with a trigger not cancelled by one of its `except` phrases wins.
 */
export class SafetyRouter {
  private readonly tiers: CompiledTier[];

  constructor(
    lexicon: readonly LexiconTier[],
    private readonly words: WordMatcher,
  ) {
    this.tiers = lexicon.map((t) => ({
      id: t.id,
      triggers: t.triggers.map((p) => new Phrase(p)),
      except: t.except.map((p) => new Phrase(p)),
    }));
  }

  detect(tokens: readonly string[]): SafetyHit | undefined {
    if (tokens.length === 0) return undefined;
    for (const tier of this.tiers) {
      let exceptSpans: Array<{ start: number; end: number }> | undefined;
      for (const trigger of tier.triggers) {
        let from = 0;
        for (;;) {
          const span = trigger.find(tokens, this.words, from);
          if (!span) break;
          exceptSpans ??= tier.except.flatMap((e) => e.findAll(tokens, this.words));
          const cancelled = exceptSpans.some((e) => e.start < span.end && span.start < e.end);
          if (!cancelled) {
            return {
              id: tier.id,
              kind: tier.id === 'emergency' ? 'emergency' : 'precaution',
              trigger: trigger.source,
              exact: span.exact,
              framing: framingOf(tokens, span.start),
            };
          }
          from = span.start + 1;
        }
      }
    }
    return undefined;
  }
}

function framingOf(tokens: readonly string[], triggerStart: number): Framing {
  const first = tokens[0];
  if (first !== undefined && QUESTION_STARTS.has(first)) return 'conditional';
  for (let i = 0; i < triggerStart; i++) {
    const t = tokens[i]!;
    if (CONDITIONALS.has(t)) return 'conditional';
    if (NEGATIONS.has(t) && triggerStart - i <= NEGATION_WINDOW) return 'conditional';
  }
  const after = tokens[triggerStart + 1];
  if (after === 'free' || (after !== undefined && NEGATIONS.has(after) && after !== 'not')) {
    return 'conditional';
  }
  return 'statement';
}

/** The response text for a hit: the statement form, or the conditional form for "what if…"/"I'm not…". */
export function safetyWording(response: SafetyResponse, framing: Framing) {
  return framing === 'conditional'
    ? response.ifAsked
    : { text: response.text, speech: response.speech };
}
