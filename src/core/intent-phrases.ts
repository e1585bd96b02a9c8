import type { Intent, Routine } from '../content/schema';
import type { Language } from './language';
import type { WordMatcher } from './word-match';

export type CommandKind = 'navigation' | 'smalltalk' | 'confirm' | 'follow-up';

export interface CommandHit {
  kind: CommandKind;
  id: string;
  /** For go-to-step: the step number said. */
  step?: number;
  exact: boolean;
}

export interface RoutineMention {
  routineId: string;
  start: number;
  end: number;
}

const SLOT_N = '{n}';
const SLOT_ROUTINE = '{routine}';
/** How many words before the routine's name a start cue may be. */
const START_CUE_REACH = 6;
const POLITE_KINDS = new Set(['greeting', 'thanks', 'goodbye']);
/** "thanks, bye" and "bye, and thanks" are a goodbye: the person is leaving. */
const SOCIAL_PRECEDENCE = ['goodbye', 'thanks', 'greeting'];
/**
 * The most words a social phrase may come with and still be the point of the turn: "thanks so
 * much, that was really helpful" is thanks; "hey so my partner keeps asking me to rub their arms…"
 * is a request that merely opens with a greeting, and gets the fallback.
 */
const SOCIAL_REST_MAX = 6;
interface CompiledSample {
  tokens: string[];
  kind: CommandKind | 'routine';
  id: string;
}

/**
 * Matches the short, fixed phrases of intents/: navigation verbs, small talk, yes/no, and the carrier
 * phrases that start a routine by name. Whole-utterance matching, so "next" inside a question does
 * not move a routine.
 */
interface RoutineName {
  routineId: string;
  tokens: string[];
}

interface RankedName {
  rank: number;
  name: RoutineName;
}

export class IntentPhrases {
  private readonly exact = new Map<string, CompiledSample>();
  /** Command samples by word count, for the typo-tolerant pass. */
  private readonly byLength = new Map<number, CompiledSample[]>();
  private readonly withSlots: CompiledSample[] = [];
  /** Words in the longest command sample: a longer utterance is never a command on its own. */
  private readonly longestCommand: number;
  private readonly routineNames: RoutineName[] = [];
  /** Routine names by their first word and by its first letter, each list longest name first. */
  private readonly namesByFirstWord = new Map<string, RankedName[]>();
  private readonly namesByInitial = new Map<string, RankedName[]>();
  private readonly leadingExtras: ReadonlySet<string>;
  private readonly trailingExtras: ReadonlySet<string>;
  private readonly politeTail: ReadonlySet<string>;
  private readonly openers: ReadonlySet<string>;
  private readonly socialWords: ReadonlySet<string>;
  /** Words that may sit between the start verb and the routine name: "start the neck stretches routine". */
  private readonly namePadding: ReadonlySet<string>;
  /** Words after a routine's name that make it a request to do it: "scalp massage routine please". */
  private readonly afterNameCues: ReadonlySet<string>;
  private readonly nameAloneExtras: ReadonlySet<string>;
  private readonly nameRequests: ReadonlySet<string>;
  private readonly throughAfter: ReadonlySet<string>;
  private readonly questionStarts: ReadonlySet<string>;
  private readonly cueWordsBefore: readonly string[];
  private readonly cuePhrases: readonly string[];
  /** Words only one routine's names use ("scalp", "ball"), no padding or stop word: their routine. */
  private readonly ownWords = new Map<string, string>();
  private readonly shortNameTails: ReadonlySet<string>;

  constructor(
    intents: readonly Intent[],
    routines: readonly Routine[],
    private readonly words: WordMatcher,
    private readonly language: Language,
  ) {
    const { commands, routines: r } = language.data;
    this.leadingExtras = new Set(commands.leadingExtras);
    this.trailingExtras = new Set(commands.trailingExtras);
    this.politeTail = new Set(commands.politeTail);
    this.openers = new Set(commands.openers);
    this.socialWords = new Set(commands.socialWords);
    this.namePadding = new Set(r.namePadding);
    this.afterNameCues = new Set(r.afterNameCues);
    this.nameAloneExtras = new Set(r.nameAloneExtras);
    this.nameRequests = new Set(r.nameRequests);
    this.throughAfter = new Set(r.throughAfter);
    this.questionStarts = new Set(r.questionStarts);
    this.cueWordsBefore = r.cueWordsBefore;
    this.cuePhrases = r.cuePhrases;
    this.shortNameTails = new Set(r.shortNameTails);
    for (const intent of intents) {
      for (const sample of intent.samples) {
        const tokens = language
          .normalize(sample.replace(/\{(\w+)\}/g, ' slot$1 '))
          .tokens.map((t) => (t === 'slotn' ? SLOT_N : t === 'slotroutine' ? SLOT_ROUTINE : t));
        const compiled = {
          tokens: tokens.filter((t) => !this.namePadding.has(t) || intent.kind !== 'routine'),
          kind: intent.kind,
          id: intent.id,
        };
        if (compiled.tokens.some((t) => t.startsWith('{'))) this.withSlots.push(compiled);
        else this.exact.set(compiled.tokens.join(' '), compiled);
      }
    }
    this.longestCommand = Math.max(
      0,
      ...[...this.exact.values(), ...this.withSlots]
        .filter((s) => s.kind !== 'routine')
        .map((s) => s.tokens.length),
    );
    for (const sample of this.exact.values()) {
      if (sample.kind === 'routine') continue;
      const list = this.byLength.get(sample.tokens.length) ?? [];
      list.push(sample);
      this.byLength.set(sample.tokens.length, list);
    }
    for (const r of routines) {
      const names = new Set([...r.names, r.id.replace(/-/g, ' '), r.title]);
      for (const name of names)
        this.routineNames.push({ routineId: r.id, tokens: language.normalize(name).tokens });
    }
    const owners = new Map<string, Set<string>>();
    for (const name of this.routineNames)
      for (const w of name.tokens) owners.set(w, (owners.get(w) ?? new Set()).add(name.routineId));
    for (const [w, ids] of owners)
      if (ids.size === 1 && !this.namePadding.has(w) && !language.terms.isStopword(w))
        this.ownWords.set(w, [...ids][0]!);
    // Longest names first, so "neck stretches" wins over "stretches".
    this.routineNames.sort((a, b) => b.tokens.length - a.tokens.length);
    this.routineNames.forEach((name, rank) => {
      const first = name.tokens[0];
      if (!first) return;
      for (const [index, key] of [
        [this.namesByFirstWord, first],
        [this.namesByInitial, first[0]!],
      ] as const) {
        const list = index.get(key) ?? [];
        list.push({ rank, name });
        index.set(key, list);
      }
    });
  }

  /** A navigation verb, small-talk phrase or yes/no said on its own. */
  matchCommand(tokens: readonly string[]): CommandHit | undefined {
    const candidates = this.trimmed(tokens, this.longestCommand).filter(
      (c) => c.length <= this.longestCommand,
    );
    for (const candidate of candidates) {
      const hit = this.exact.get(candidate.join(' '));
      if (hit && hit.kind !== 'routine') return { kind: hit.kind, id: hit.id, exact: true };
      for (const sample of this.withSlots) {
        if (sample.kind === 'routine' || sample.tokens.length !== candidate.length) continue;
        const step = this.slotted(candidate, sample.tokens);
        if (step !== undefined)
          return { kind: sample.kind, id: sample.id, step: step ?? undefined, exact: true };
      }
    }
    // "thanks so much", "hello there coach": a greeting, thanks or goodbye with only polite words after it.
    for (let cut = Math.min(tokens.length - 1, 4); cut >= 1; cut--) {
      if (!this.politeFrom(tokens, cut)) continue;
      const head = this.exact.get(tokens.slice(0, cut).join(' '));
      if (head && POLITE_KINDS.has(head.id)) {
        return { kind: 'smalltalk', id: head.id, exact: true };
      }
    }
    // One typo in a longer word: "repaet", "prevous".
    for (const candidate of candidates) {
      for (const sample of this.byLength.get(candidate.length) ?? []) {
        if (this.typoOf(candidate, sample.tokens)) {
          return { kind: sample.kind as CommandKind, id: sample.id, exact: false };
        }
      }
    }
    return undefined;
  }

  /**
   * A greeting, thanks or goodbye phrase that opens or closes the utterance (two words or more, or a
   * word that is only ever social). Used only when nothing in the answer bank matched.
   */
  findSocial(tokens: readonly string[]): CommandHit | undefined {
    // A question is never small talk for the words it ends with: "why are swans' necks so long".
    if (tokens.length > 1 && this.language.data.dialogue.questionWords.includes(tokens[0]!))
      return undefined;
    let best: string | undefined;
    for (const sample of this.socialSamples()) {
      const words = sample.tokens;
      // Social phrases open or close an utterance; in the middle they are quoted ("translate thank you").
      const last = tokens.length - words.length;
      if (last < 0 || last > SOCIAL_REST_MAX) continue;
      const afterOpener =
        tokens.length > 1 && this.openers.has(tokens[0]!) && saysAt(tokens, 1, words);
      if (
        (saysAt(tokens, 0, words) || saysAt(tokens, last, words) || afterOpener) &&
        (!best || SOCIAL_PRECEDENCE.indexOf(sample.id) < SOCIAL_PRECEDENCE.indexOf(best))
      )
        best = sample.id;
    }
    return best ? { kind: 'smalltalk', id: best, exact: false } : undefined;
  }

  private social: CompiledSample[] | undefined;

  /** The greeting, thanks and goodbye samples of two words or more, or of a social word. */
  private socialSamples(): CompiledSample[] {
    return (this.social ??= [...this.exact.values()].filter(
      (sample) =>
        POLITE_KINDS.has(sample.id) &&
        (sample.tokens.length > 1 || this.socialWords.has(sample.tokens[0]!)),
    ));
  }

  /** The routine named in the utterance (longest name wins, then the earliest), typo-tolerant. */
  findRoutine(tokens: readonly string[]): RoutineMention | undefined {
    let best: { rank: number; start: number; name: RoutineName } | undefined;
    for (let start = 0; start < tokens.length; start++) {
      const said = tokens[start]!;
      // A correctly spelled common word only ever matches itself; a typo keeps its first letter.
      const candidates = this.words.isCommon(said)
        ? this.namesByFirstWord.get(said)
        : this.namesByInitial.get(said[0] ?? '');
      for (const { rank, name } of candidates ?? []) {
        if (best && rank >= best.rank) break;
        if (start + name.tokens.length > tokens.length) continue;
        if (name.tokens.every((w, i) => this.words.matchesWord(tokens[start + i]!, w))) {
          best = { rank, start, name };
          break;
        }
      }
    }
    if (best)
      return {
        routineId: best.name.routineId,
        start: best.start,
        end: best.start + best.name.tokens.length,
      };
    return this.shortName(tokens);
  }

  /** "the scalp one", "the trigger point one": words of one routine's names before "one". */
  private shortName(tokens: readonly string[]): RoutineMention | undefined {
    for (let end = 1; end < tokens.length; end++) {
      if (!this.shortNameTails.has(tokens[end]!)) continue;
      const routineId = this.ownWords.get(tokens[end - 1]!);
      if (!routineId) continue;
      let start = end - 1;
      while (start > 0 && this.ownWords.get(tokens[start - 1]!) === routineId) start--;
      return { routineId, start, end: end + 1 };
    }
    return undefined;
  }

  /**
   * "walk me through trigger point release" -> trigger-point-release; "how do I do…" -> undefined.
   * `polite`: the message as typed says "please" (which normalizing drops).
   */
  matchRoutineStart(
    tokens: readonly string[],
    mention: RoutineMention | undefined,
    polite = false,
  ): { routineId: string; exact: boolean } | undefined {
    if (!mention) return undefined;
    const carrier = [
      ...tokens.slice(0, mention.start),
      SLOT_ROUTINE,
      ...tokens.slice(mention.end),
    ].filter((t) => !this.namePadding.has(t));
    for (const candidate of this.trimmed(carrier)) {
      const key = candidate.join(' ');
      if (this.withSlots.some((s) => s.kind === 'routine' && s.tokens.join(' ') === key)) {
        return { routineId: mention.routineId, exact: true };
      }
    }
    // The name alone, or with only polite words: "kneading routine", "scalp massage please".
    const rest = [...tokens.slice(0, mention.start), ...tokens.slice(mention.end)];
    if (
      (polite || tokens.some((t) => this.nameRequests.has(t))) &&
      rest.every(
        (t) => this.nameAloneExtras.has(t) || this.namePadding.has(t) || this.nameRequests.has(t),
      )
    ) {
      return { routineId: mention.routineId, exact: false };
    }
    const before = carrier.slice(0, carrier.indexOf(SLOT_ROUTINE));
    // "how about kneading, walk me through that" suggests rather than asks.
    const suggests = this.language.data.routines.suggestionOpeners.some(
      (opener) => before.slice(0, opener.split(' ').length).join(' ') === opener,
    );
    const isQuestion = !suggests && this.questionStarts.has(before[0] ?? '');
    // A cue belongs to the words just before the name: "walk me through neck stretches", not "I do
    // the school run … so what neck stretches can I do".
    const near = before.length - START_CUE_REACH;
    // Or just after it, as people also say it: "trigger point release, guide me", "kneading routine plz".
    const after = tokens.slice(mention.end, mention.end + 3);
    const cued =
      before.some((t, i) => i >= near && this.isStartCue(t, before[i - 1])) ||
      after.some((t, i) => this.isStartCue(t, after[i - 1]) || this.afterNameCues.has(t)) ||
      this.cueWordsBefore.every((w) => before.includes(w)) ||
      this.cueWordsBefore.every((w, k) => after[k] === w) ||
      this.cuePhrases.some((p) => carrier.join(' ').includes(p));
    return cued && !isQuestion ? { routineId: mention.routineId, exact: false } : undefined;
  }

  /** "guide", "bgein" (typos forgiven), or "through" after "me" or "us": "take me through…". */
  private isStartCue(token: string, previous: string | undefined): boolean {
    const { startCues, through } = this.language.data.routines;
    if (startCues.some((cue) => this.words.matchesWord(token, cue))) return true;
    return (
      previous !== undefined &&
      this.throughAfter.has(previous) &&
      this.words.matchesWord(token, through)
    );
  }

  /** The utterance, then without polite extras around it. */
  /**
   * The words said against a sample with a step slot: undefined when they differ, else the step
   * number said (null when the sample has no {n}).
   */
  private slotted(said: readonly string[], sample: readonly string[]): number | null | undefined {
    let step: number | null = null;
    for (let i = 0; i < sample.length; i++) {
      if (sample[i] === SLOT_N) {
        const n = this.language.numberFromWord(said[i]!);
        if (n === undefined) return undefined;
        step = n;
      } else if (sample[i] !== said[i]) return undefined;
    }
    return step;
  }

  /** Whether each word said is its sample word or a typo of it (a loop: this runs per sample). */
  private typoOf(said: readonly string[], sample: readonly string[]): boolean {
    for (let i = 0; i < sample.length; i++)
      if (!this.words.matchesWord(said[i]!, sample[i]!)) return false;
    return true;
  }

  /** Whether every word from `cut` on is a polite word ("so much", "there coach"). */
  private politeFrom(tokens: readonly string[], cut: number): boolean {
    for (let i = cut; i < tokens.length; i++) if (!this.politeTail.has(tokens[i]!)) return false;
    return true;
  }

  private trimmed(tokens: readonly string[], longest = Infinity): string[][] {
    let start = 0;
    let end = tokens.length;
    // A greeting before a request is an opener too: "hey, can you help" asks for help.
    while (
      start < end - 1 &&
      (this.leadingExtras.has(tokens[start]!) || this.openers.has(tokens[start]!))
    )
      start++;
    while (end > start + 1 && this.trailingExtras.has(tokens[end - 1]!)) end--;
    // Longer than `longest` even trimmed (most questions): no candidate, and nothing copied.
    if (end - start > longest) return [];
    const out = [tokens.slice()];
    // Each end alone too: "ok i feel fine now" is "i feel fine now", a sample that ends in "now".
    if (start > 0) out.push(tokens.slice(start));
    if (end < tokens.length) out.push(tokens.slice(0, end));
    if (start > 0 && end < tokens.length) out.push(tokens.slice(start, end));
    return out;
  }
}

/** Whether `words` occur in `tokens` from `at` on. */
function saysAt(tokens: readonly string[], at: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (tokens[at + k] !== words[k]) return false;
  return true;
}
