import type { SafetyConcept } from '../content/schema';
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

export class SafetyConcepts {
  private readonly concepts: Compiled[];
  /** Every distinct phrase by the first word it can start with, so a turn tries only those. */
  private readonly byWord = new Map<string, Phrase[]>();
  private readonly prefixes: Array<{ prefix: string; phrases: Phrase[] }> = [];
  private readonly fuzzy: Array<{ anchor: string; prefix: boolean; phrases: Phrase[] }> = [];

  constructor(
    concepts: readonly SafetyConcept[],
    private readonly words: WordMatcher,
  ) {
    const cache = new Map<string, Phrase>();
    const compile = (source: string) => {
      let p = cache.get(source);
      if (!p) cache.set(source, (p = new Phrase(source)));
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
    const prefixMap = new Map<string, Phrase[]>();
    for (const phrase of cache.values()) {
      const anchor = phrase.anchor;
      if (!anchor) continue;
      if ('word' in anchor) push(this.byWord, anchor.word, phrase);
      else push(prefixMap, anchor.prefix, phrase);
    }
    for (const [prefix, phrases] of prefixMap) this.prefixes.push({ prefix, phrases });
    for (const [anchor, phrases] of this.byWord) {
      if (anchor.length >= FUZZY_ANCHOR_LETTERS)
        this.fuzzy.push({ anchor, prefix: false, phrases });
    }
    for (const { prefix, phrases } of this.prefixes) {
      if (prefix.length >= FUZZY_ANCHOR_LETTERS)
        this.fuzzy.push({ anchor: prefix, prefix: true, phrases });
    }
  }

  /** Every concept that fires, in content order. */
  detect(tokens: readonly string[], inRoutine = false): ConceptHit[] {
    const spans = this.phraseSpans(tokens);
    if (spans.size === 0) return [];
    const hits: ConceptHit[] = [];
    for (const c of this.concepts) {
      if (c.duringRoutine && !inRoutine) continue;
      const perGroup = c.groups.map((g) => g.flatMap((p) => spans.get(p) ?? []));
      if (perGroup.some((list) => list.length === 0)) continue;
      if (c.unless.some((p) => spans.has(p))) continue;
      const excepted = c.except.flatMap((p) => spans.get(p) ?? []);
      const found = combine(perGroup, 0, [], c.window, excepted);
      if (found) {
        hits.push({
          id: c.id,
          name: c.name,
          exact: found.every((s) => s.exact),
          start: Math.min(...found.map((s) => s.start)),
        });
      }
    }
    return hits;
  }

  /** Where each phrase occurs in the turn (only phrases that occur are keys). */
  private phraseSpans(tokens: readonly string[]): Map<Phrase, Span[]> {
    const out = new Map<Phrase, Span[]>();
    for (let pos = 0; pos < tokens.length; pos++) {
      const token = tokens[pos]!;
      const tried = new Set<Phrase>();
      const tryAll = (phrases: readonly Phrase[]) => {
        for (const p of phrases) {
          if (tried.has(p)) continue;
          tried.add(p);
          const span = p.matchFrom(tokens, this.words, pos);
          if (span) push(out, p, span);
        }
      };
      tryAll(this.byWord.get(token) ?? []);
      for (const { prefix, phrases } of this.prefixes)
        if (token.startsWith(prefix)) tryAll(phrases);
      if (token.length >= FUZZY_ANCHOR_LETTERS - 1 && !this.words.isCommon(token)) {
        for (const f of this.fuzzy) {
          if (f.anchor[0] !== token[0]) continue;
          const hit = f.prefix
            ? this.words.matchesPrefix(token, f.anchor)
            : this.words.matchesWord(token, f.anchor);
          if (hit) tryAll(f.phrases);
        }
      }
    }
    return out;
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
