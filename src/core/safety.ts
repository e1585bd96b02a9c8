import type { LanguageData, LexiconTier, SafetyConcept, SafetyResponse } from '../content/schema';
import type { Language } from './language';
import { SafetyConcepts, type ConceptHit } from './safety-concepts';
import { Phrase, type Span } from './phrase';
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

interface Trigger {
  tier: number;
  phrase: Phrase;
}

const NEGATION_WINDOW = 3;
/** Words whose candidates are kept at most; past it the table starts again (only time is lost). */
const CANDIDATE_CACHE_LIMIT = 20_000;
const NONE: readonly Trigger[] = [];

/**
 * The safety router: runs first, on every turn, in every state. The first tier (in the lexicon's
 * priority order) with a trigger not cancelled by one of its `except` phrases wins. Triggers are
 * indexed by their first word, so a turn only tries the phrases that can start at each word.
 */
export class SafetyRouter {
  private readonly ids: string[];
  private readonly except: Phrase[][];
  private readonly byWord = new Map<string, Trigger[]>();
  /** `prefix*` triggers by the prefix's first letter, in lexicon order. */
  private readonly prefixesByLetter = new Map<
    string,
    Array<{ prefix: string; triggers: Trigger[] }>
  >();
  /** Anchors of five or more letters, by first letter, for typo-tolerant lookups of rare words. */
  private readonly fuzzyByLetter = new Map<
    string,
    Array<{ anchor: string; prefix: boolean; triggers: Trigger[] }>
  >();
  private readonly unanchored: Trigger[] = [];
  /** Each word's candidates, kept between turns: the same words come back in every message. */
  private readonly candidatesOf = new Map<string, readonly Trigger[]>();
  private readonly concepts: SafetyConcepts;
  readonly framing: FramingWords;

  constructor(
    lexicon: readonly LexiconTier[],
    private readonly words: WordMatcher,
    concepts: readonly SafetyConcept[],
    language: Language,
  ) {
    this.ids = lexicon.map((t) => t.id);
    this.framing = framingWords(language.data.safety);
    this.concepts = new SafetyConcepts(concepts, words, language);
    this.except = lexicon.map((t) => t.except.map((p) => new Phrase(p, language)));
    const prefixes = new Map<string, Trigger[]>();
    lexicon.forEach((t, tier) => {
      for (const source of t.triggers) {
        const trigger = { tier, phrase: new Phrase(source, language) };
        const anchor = trigger.phrase.anchor;
        if (!anchor) this.unanchored.push(trigger);
        else if ('word' in anchor) push(this.byWord, anchor.word, trigger);
        else push(prefixes, anchor.prefix, trigger);
      }
    });
    for (const [prefix, triggers] of prefixes) {
      push(this.prefixesByLetter, prefix[0] ?? '', { prefix, triggers });
    }
    for (const [anchor, triggers] of this.byWord) this.addFuzzy(anchor, false, triggers);
    for (const [prefix, triggers] of prefixes) this.addFuzzy(prefix, true, triggers);
  }

  private addFuzzy(anchor: string, prefix: boolean, triggers: Trigger[]): void {
    if (anchor.length < 4) return;
    const letter = anchor[0]!;
    const list = this.fuzzyByLetter.get(letter) ?? [];
    list.push({ anchor, prefix, triggers });
    this.fuzzyByLetter.set(letter, list);
  }

  /**
   * Triggers whose first word matches the token, each once, in a fixed order: unanchored, exact
   * word, prefix, typo. Most words match none, and then nothing is allocated.
   */
  private candidates(token: string): readonly Trigger[] {
    let known = this.candidatesOf.get(token);
    if (!known) {
      known = this.findCandidates(token);
      if (this.candidatesOf.size >= CANDIDATE_CACHE_LIMIT) this.candidatesOf.clear();
      this.candidatesOf.set(token, known);
    }
    return known;
  }

  private findCandidates(token: string): readonly Trigger[] {
    let found: Trigger[] | undefined;
    let lists = 0;
    const add = (triggers: readonly Trigger[]) => {
      if (triggers.length === 0) return;
      found = found ? found.concat(triggers) : (triggers as Trigger[]);
      lists++;
    };
    add(this.unanchored);
    add(this.byWord.get(token) ?? NONE);
    for (const { prefix, triggers } of this.prefixesByLetter.get(token[0] ?? '') ?? []) {
      if (token.startsWith(prefix)) add(triggers);
    }
    // Typos only ever in words that are not correctly spelled common words, nor a bank word with
    // a doubled letter typed once: "stres" is stress, not strep.
    if (!this.words.isCommon(token)) {
      let undoubled: boolean | undefined;
      for (const f of this.fuzzyByLetter.get(token[0] ?? '') ?? []) {
        const hit = f.prefix
          ? this.words.matchesPrefix(token, f.anchor)
          : this.words.matchesWord(token, f.anchor);
        if (!hit) continue;
        undoubled ??= this.words.hasUndoubledKnownWord(token, (word) => this.isAnchor(word));
        if (!undoubled) add(f.triggers);
      }
    }
    if (!found) return NONE;
    return lists > 1 ? [...new Set(found)] : found;
  }

  /** A word that starts a trigger by itself, exactly or by a `prefix*`. */
  private isAnchor(word: string): boolean {
    if (this.byWord.has(word)) return true;
    for (const { prefix } of this.prefixesByLetter.get(word[0] ?? '') ?? []) {
      if (word.startsWith(prefix)) return true;
    }
    return false;
  }

  /** `inRoutine`: a routine is in progress, so concepts that apply during one are tried too. */
  detect(tokens: readonly string[], inRoutine = false): SafetyHit | undefined {
    let best: { trigger: Trigger; span: Span } | undefined;
    const exceptSpans = new Map<number, Span[]>();
    for (let pos = 0; pos < tokens.length; pos++) {
      for (const trigger of this.candidates(tokens[pos]!)) {
        if (best && trigger.tier >= best.trigger.tier) continue;
        const span = trigger.phrase.matchFrom(tokens, this.words, pos);
        if (!span) continue;
        let spans = exceptSpans.get(trigger.tier);
        if (!spans) {
          spans = this.except[trigger.tier]!.flatMap((e) => e.findAll(tokens, this.words));
          exceptSpans.set(trigger.tier, spans);
        }
        if (spans.some((e) => e.start < span.end && span.start < e.end)) continue;
        best = { trigger, span };
      }
    }
    // The concepts widen the phrase triggers; the family first in tier order wins (emergency first).
    // (Validation checks that every concept id is a tier.)
    let concept: { hit: ConceptHit; tier: number } | undefined;
    for (const hit of this.concepts.detect(tokens, inRoutine)) {
      const tier = this.ids.indexOf(hit.id);
      if (!concept || tier < concept.tier) concept = { hit, tier };
    }
    if (concept && (!best || concept.tier < best.trigger.tier)) {
      const id = concept.hit.id;
      return {
        id,
        kind: id === 'emergency' ? 'emergency' : 'precaution',
        trigger: `concept: ${concept.hit.name}`,
        exact: concept.hit.exact,
        framing: framingOf(tokens, concept.hit.start, this.framing),
      };
    }
    if (!best) return undefined;
    const id = this.ids[best.trigger.tier]!;
    return {
      id,
      kind: id === 'emergency' ? 'emergency' : 'precaution',
      trigger: best.trigger.phrase.source,
      exact: best.span.exact,
      framing: framingOf(tokens, best.span.start, this.framing),
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface FramingWords {
  questionStarts: ReadonlySet<string>;
  negations: ReadonlySet<string>;
  /** The negations that also count right after the trigger ("pain free", "dizziness never"). */
  negationsAfter: ReadonlySet<string>;
  conditionals: ReadonlySet<string>;
}

function framingWords(data: LanguageData['safety']): FramingWords {
  const beforeOnly = new Set(data.negationsBeforeOnly);
  return {
    questionStarts: new Set(data.questionStarts),
    negations: new Set(data.negations),
    negationsAfter: new Set(data.negations.filter((w) => !beforeOnly.has(w))),
    conditionals: new Set(data.conditionals),
  };
}

function framingOf(tokens: readonly string[], triggerStart: number, words: FramingWords): Framing {
  const first = tokens[0];
  if (first !== undefined && words.questionStarts.has(first)) return 'conditional';
  for (let i = 0; i < triggerStart; i++) {
    const t = tokens[i]!;
    if (words.conditionals.has(t)) return 'conditional';
    if (words.negations.has(t) && triggerStart - i <= NEGATION_WINDOW) return 'conditional';
  }
  const after = tokens[triggerStart + 1];
  if (after !== undefined && words.negationsAfter.has(after)) return 'conditional';
  return 'statement';
}

/**
 * The framing of a message read as a whole (the learned net names no trigger word): a question, a
 * "what if", or a negation anywhere makes it conditional.
 */
export function framingOfWhole(tokens: readonly string[], words: FramingWords): Framing {
  const first = tokens[0];
  if (first !== undefined && words.questionStarts.has(first)) return 'conditional';
  return tokens.some((t) => words.conditionals.has(t) || words.negations.has(t))
    ? 'conditional'
    : 'statement';
}

/** The response text for a hit: the statement form, or the conditional form for "what if…"/"I'm not…". */
export function safetyWording(response: SafetyResponse, framing: Framing) {
  return framing === 'conditional'
    ? response.ifAsked
    : { text: response.text, speech: response.speech };
}
