import type { SafetyConcept } from '../content/schema';
import type { Language } from './language';
import { Phrase, type Span } from './phrase';
import type { WordMatcher } from './word-match';

/**
 * The safety router's second layer: concepts from content/safety/concepts.yaml. A concept fires
 * when one phrase of each of its groups occurs, in any order, without overlapping, within its
 * window of words ("my smile looks lopsided": a face site next to an abnormal state). Written by
 * hand because what it needs — windowed co-occurrence of typo-tolerant phrases — is the lexicon's
 * own phrase matching, which no library shares.
 */
export interface ConceptHit {
  id: string;
  name: string;
  exact: boolean;
  start: number;
}

interface Compiled {
  id: string;
  name: string;
  duringRoutine: boolean;
  window: number;
  groups: Phrase[][];
  except: Phrase[];
  unless: Phrase[];
}

/** Anchors this long or longer are also looked up with typos, as in the lexicon. */
const FUZZY_ANCHOR_LETTERS = 5;
const NONE: readonly never[] = [];
/** Words whose phrases are kept at most; past it the table starts again (only time is lost). */
const PHRASE_CACHE_LIMIT = 20_000;

export class SafetyConcepts {
  private readonly concepts: Compiled[];
  /** Which concepts use a phrase, and as what: a group's index, an except or an unless. */
  private readonly roles = new Map<
    Phrase,
    Array<{ concept: number; group: number | 'except' | 'unless' }>
  >();
  /** Every distinct phrase by the first word it can start with, so a turn tries only those. */
  private readonly byWord = new Map<string, Phrase[]>();
  private readonly phrasesOf = new Map<string, readonly Phrase[]>();
  /** `prefix*` and typo-tolerant anchors by first letter, so a word tries only its own letter's. */
  private readonly prefixes = new Map<string, Array<{ prefix: string; phrases: Phrase[] }>>();
  private readonly fuzzy = new Map<
    string,
    Array<{ anchor: string; prefix: boolean; phrases: Phrase[] }>
  >();

  constructor(
    concepts: readonly SafetyConcept[],
    private readonly words: WordMatcher,
    language: Language,
  ) {
    const cache = new Map<string, Phrase>();
    const compile = (source: string) => {
      let p = cache.get(source);
      if (!p) cache.set(source, (p = new Phrase(source, language)));
      return p;
    };
    this.concepts = concepts.map((c) => ({
      id: c.id,
      name: c.name,
      duringRoutine: c.during === 'routine',
      window: c.window,
      groups: c.groups.map((g) => g.map(compile)),
      except: c.except.map(compile),
      unless: c.unless.map(compile),
    }));
    this.concepts.forEach((c, concept) => {
      c.groups.forEach((g, group) => g.forEach((p) => push(this.roles, p, { concept, group })));
      c.except.forEach((p) => push(this.roles, p, { concept, group: 'except' as const }));
      c.unless.forEach((p) => push(this.roles, p, { concept, group: 'unless' as const }));
    });
    const prefixMap = new Map<string, Phrase[]>();
    for (const phrase of cache.values()) {
      const anchor = phrase.anchor;
      if (!anchor) continue;
      if ('word' in anchor) push(this.byWord, anchor.word, phrase);
      else push(prefixMap, anchor.prefix, phrase);
    }
    for (const [prefix, phrases] of prefixMap) {
      push(this.prefixes, prefix[0] ?? '', { prefix, phrases });
      if (prefix.length >= FUZZY_ANCHOR_LETTERS) {
        push(this.fuzzy, prefix[0] ?? '', { anchor: prefix, prefix: true, phrases });
      }
    }
    for (const [anchor, phrases] of this.byWord) {
      if (anchor.length >= FUZZY_ANCHOR_LETTERS) {
        push(this.fuzzy, anchor[0] ?? '', { anchor, prefix: false, phrases });
      }
    }
  }

  /** Every concept that fires, in content order. */
  detect(tokens: readonly string[], inRoutine = false): ConceptHit[] {
    const spans = this.phraseSpans(tokens);
    if (spans.size === 0) return [];
    // Only the concepts that own a phrase that occurs are looked at, group by group.
    const found = new Map<number, { groups: Span[][]; except: Span[]; unless: boolean }>();
    for (const [phrase, where] of spans) {
      for (const role of this.roles.get(phrase) ?? NONE) {
        let f = found.get(role.concept);
        if (!f) {
          const groups = this.concepts[role.concept]!.groups.map((): Span[] => []);
          found.set(role.concept, (f = { groups, except: [], unless: false }));
        }
        if (role.group === 'except') f.except.push(...where);
        else if (role.group === 'unless') f.unless = true;
        else f.groups[role.group]!.push(...where);
      }
    }
    const hits: ConceptHit[] = [];
    for (const [index, f] of [...found].sort(([a], [b]) => a - b)) {
      const c = this.concepts[index]!;
      if ((c.duringRoutine && !inRoutine) || f.unless) continue;
      if (f.groups.some((list) => list.length === 0)) continue;
      const match = combine(f.groups, 0, [], c.window, f.except);
      if (match) {
        hits.push({
          id: c.id,
          name: c.name,
          exact: match.every((x) => x.exact),
          start: Math.min(...match.map((x) => x.start)),
        });
      }
    }
    return hits;
  }

  /** Where each phrase occurs in the turn (only phrases that occur are keys). */
  private phraseSpans(tokens: readonly string[]): Map<Phrase, Span[]> {
    const out = new Map<Phrase, Span[]>();
    for (let pos = 0; pos < tokens.length; pos++) {
      for (const p of this.startingWith(tokens[pos]!)) {
        const span = p.matchFrom(tokens, this.words, pos);
        if (span) push(out, p, span);
      }
    }
    return out;
  }

  /**
   * The phrases that may start at a word, each once, in a fixed order: exact anchor, prefix, typo.
   * Kept between turns (most words start none, and the same words come back in every message).
   */
  private startingWith(token: string): readonly Phrase[] {
    const known = this.phrasesOf.get(token);
    if (known) return known;
    const found: Phrase[] = [];
    const tryAll = (phrases: readonly Phrase[]) => {
      for (const p of phrases) if (!found.includes(p)) found.push(p);
    };
    const exact = this.byWord.get(token);
    if (exact) tryAll(exact);
    const letter = token[0] ?? '';
    for (const { prefix, phrases } of this.prefixes.get(letter) ?? NONE) {
      if (token.startsWith(prefix)) tryAll(phrases);
    }
    if (token.length >= FUZZY_ANCHOR_LETTERS - 1 && !this.words.isCommon(token)) {
      for (const f of this.fuzzy.get(letter) ?? NONE) {
        const hit = f.prefix
          ? this.words.matchesPrefix(token, f.anchor)
          : this.words.matchesWord(token, f.anchor);
        if (hit) tryAll(f.phrases);
      }
    }
    const phrases = found.length > 0 ? found : NONE;
    if (this.phrasesOf.size >= PHRASE_CACHE_LIMIT) this.phrasesOf.clear();
    this.phrasesOf.set(token, phrases);
    return phrases;
  }
}

/** One span per group, pairwise disjoint, all within `window` words, none overlapping an except. */
function combine(
  groups: Span[][],
  index: number,
  chosen: Span[],
  window: number,
  excepted: Span[],
): Span[] | undefined {
  if (index === groups.length) return chosen;
  for (const span of groups[index]!) {
    if (chosen.some((c) => overlaps(c, span))) continue;
    if (excepted.some((e) => overlaps(e, span))) continue;
    const next = [...chosen, span];
    const start = Math.min(...next.map((s) => s.start));
    const end = Math.max(...next.map((s) => s.end));
    if (end - start > window) continue;
    const done = combine(groups, index + 1, next, window, excepted);
    if (done) return done;
  }
  return undefined;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
