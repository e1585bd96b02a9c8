import type { LanguageData, SkillData } from '../content/schema';

/**
 * Turns what a person typed or what speech recognition heard into lower-case words:
 * one shape of input for the safety router, the intent phrases and the answer matcher.
 */
export interface Normalized {
  /** The normalized words joined by single spaces. */
  text: string;
  tokens: string[];
}

// Control characters separate words; zero-width and direction marks vanish ("diz\u200bzy" is "dizzy").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

/** Printable ASCII only: no Unicode folding, invisible marks or curly quotes to undo. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** What `normalize` needs to know of a language and of the skill's spoken invocation. */
export interface NormalizeData {
  normalize: LanguageData['normalize'];
  invocation: SkillData['invocation'];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `heard` as a whole-word pattern; a final `*` lets the last word go on ("necks stretch*"). */
function heardPattern(heard: string): string {
  return heard.endsWith('*') ? `\\b${escape(heard.slice(0, -1))}` : `\\b${escape(heard)}\\b`;
}

/** Phrases of words, longest first, for matching at a position in a token list. */
function phrasesOf(list: readonly string[]): string[][] {
  return list.map((p) => p.split(' ')).sort((a, b) => b.length - a.length);
}

/**
 * The normalizer of one language (content/language/*.yaml) and one skill (content/skill.yaml).
 * Compiled once from the content bundle; pure afterwards.
 */
export class Normalizer {
  // Maps, not object literals: a typed word such as "constructor" must never find Object.prototype.
  private readonly contractions: ReadonlyMap<string, string>;
  private readonly fillers: ReadonlySet<string>;
  private readonly fillerPhrases: ReadonlyArray<RegExp>;
  private readonly heardAs: ReadonlyArray<[RegExp, string]>;
  /** A necessary condition for any filler phrase or mishearing rule to apply (most input has none). */
  private readonly mayHaveFillerPhrase: RegExp;
  private readonly mayBeMisheard: RegExp;
  private readonly numbers: ReadonlyMap<string, string>;
  private readonly wakeWords: ReadonlySet<string>;
  private readonly verbs: string[][];
  private readonly articles: ReadonlySet<string>;
  private readonly names: string[][];
  private readonly requestLinks: ReadonlySet<string>;
  private readonly bare: readonly string[];

  constructor(data: NormalizeData) {
    const n = data.normalize;
    this.contractions = new Map(Object.entries(n.contractions));
    this.fillers = new Set(n.fillers);
    this.fillerPhrases = n.fillerPhrases.map((p) => new RegExp(`\\b${escape(p)}\\b`, 'g'));
    this.mayHaveFillerPhrase = alternation(n.fillerPhrases.map(escape));
    this.heardAs = n.mishearings.map((m) => [new RegExp(heardPattern(m.heard), 'g'), m.means]);
    this.mayBeMisheard = alternation(n.mishearings.map((m) => heardPattern(m.heard)));
    this.numbers = new Map(Object.entries(n.numbers).map(([w, d]) => [w, String(d)]));
    const inv = data.invocation;
    this.wakeWords = new Set(inv.wakeWords);
    this.verbs = phrasesOf(inv.verbs);
    this.articles = new Set(inv.articles);
    this.names = phrasesOf(inv.names);
    this.requestLinks = new Set(inv.requestLinks);
    this.bare = inv.bareMeans.split(' ');
  }

  normalize(input: string): Normalized {
    // Never cut: the safety router reads the whole message, however long (the channels bound its size).
    const s = input;
    return this.tokenize(PLAIN_ASCII.test(s) ? this.cleanAscii(s) : this.cleanUnicode(s));
  }

  /** The general path: Unicode folding, invisible and control characters, any script. */
  cleanUnicode(input: string): string {
    let s = input
      .normalize('NFKC')
      .replace(INVISIBLE, '')
      .replace(CONTROL, ' ')
      .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'")
      .replace(/<[^>]{0,200}>/g, ' ')
      .toLowerCase()
      .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, ' ');
    // Contractions first, while apostrophes are still there.
    s = s.replace(/[a-z]+'[a-z]+/g, (w) => this.contractions.get(w) ?? expandSuffix(w));
    s = s.replace(/'/g, '');
    // Anything that is not a letter or digit separates words (hyphens too: "mind-numbing").
    s = s.replace(/[^\p{L}\p{N}]+/gu, ' ');
    // "dizzzzy" -> "dizzy": three or more of one letter become two.
    s = s.replace(/(\p{L})\1{2,}/gu, '$1$1');
    return this.replacePhrases(s);
  }

  /**
   * The same steps for printable ASCII (nearly every message), skipping the ones that cannot apply:
   * NFKC is the identity there and letters are a-z. A property test keeps it equal to cleanUnicode.
   */
  cleanAscii(input: string): string {
    let s = input;
    if (s.includes('`')) s = s.replace(/`/g, "'");
    if (s.includes('<')) s = s.replace(/<[^>]{0,200}>/g, ' ');
    s = s.toLowerCase();
    if (s.includes('&')) s = s.replace(/&(amp|lt|gt|quot|apos|nbsp);/g, ' ');
    if (s.includes("'")) {
      s = s.replace(/[a-z]+'[a-z]+/g, (w) => this.contractions.get(w) ?? expandSuffix(w));
      s = s.replace(/'/g, '');
    }
    s = s.replace(/[^a-z0-9]+/g, ' ');
    s = s.replace(/([a-z])\1{2,}/g, '$1$1');
    return this.replacePhrases(s);
  }

  /** "step three" -> 3; digits pass through. */
  numberFromWord(token: string): number | undefined {
    const digits = this.numbers.get(token) ?? token;
    return /^\d{1,3}$/.test(digits) ? Number(digits) : undefined;
  }

  private replacePhrases(input: string): string {
    let s = input;
    if (this.mayHaveFillerPhrase.test(s))
      for (const re of this.fillerPhrases) s = s.replace(re, ' ');
    if (this.mayBeMisheard.test(s)) for (const [re, to] of this.heardAs) s = s.replace(re, to);
    return s;
  }

  private tokenize(s: string): Normalized {
    let tokens: string[] = [];
    for (const raw of s.split(' ')) {
      if (raw.length === 0 || this.fillers.has(raw)) continue;
      const expanded = this.contractions.get(raw);
      if (expanded) tokens.push(...expanded.split(' '));
      else tokens.push(raw);
    }
    const request = this.invocationEnd(tokens);
    if (request > 0) tokens = request === tokens.length ? [...this.bare] : tokens.slice(request);
    return { text: tokens.join(' '), tokens };
  }

  /**
   * Where the request starts after a spoken invocation ("alexa, ask neck coach how hard to press",
   * "tell neck massage coach to start neck stretches"): 0 when there is none. The words around the
   * skill's name are not the question; left in, "coach" would read as "coach me through".
   */
  private invocationEnd(tokens: readonly string[]): number {
    let i = 0;
    if (this.wakeWords.has(tokens[i] ?? '')) i++;
    const verb = phraseAt(tokens, i, this.verbs);
    if (verb === 0) return 0;
    i += verb;
    if (this.articles.has(tokens[i] ?? '')) i++;
    const name = phraseAt(tokens, i, this.names);
    if (name === 0) return 0;
    i += name;
    if (this.requestLinks.has(tokens[i] ?? '')) i++;
    return i;
  }
}

/** The length of the first (longest) phrase found at `at`, or 0. */
function phraseAt(tokens: readonly string[], at: number, phrases: readonly string[][]): number {
  for (const p of phrases) if (p.every((w, k) => tokens[at + k] === w)) return p.length;
  return 0;
}

/** One regular expression that matches where any of the patterns does (never, for none). */
function alternation(patterns: readonly string[]): RegExp {
  return patterns.length === 0 ? /(?!)/ : new RegExp(patterns.join('|'));
}

function expandSuffix(word: string): string {
  const [stem = '', suffix = ''] = word.split("'");
  switch (suffix) {
    case 't':
      return stem.endsWith('n') ? `${stem.slice(0, -1)} not` : stem;
    case 're':
      return `${stem} are`;
    case 've':
      return `${stem} have`;
    case 'll':
      return `${stem} will`;
    case 'd':
      return `${stem} would`;
    case 'm':
      return `${stem} am`;
    default:
      return stem; // possessive 's: "my wife's neck" -> "my wife neck"
  }
}
