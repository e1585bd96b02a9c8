/**
 * Turns what a person typed or what speech recognition heard into lower-case words:
 * one shape of input for the safety router, the intent phrases and the answer matcher.
 */
export interface Normalized {
  /** The normalized words joined by single spaces. */
  text: string;
  tokens: string[];
}

// Maps, not object literals: a typed word such as "constructor" must never find Object.prototype.
const CONTRACTIONS = new Map<string, string>(
  Object.entries({
    "can't": 'can not',
    cant: 'can not',
    cannot: 'can not',
    "won't": 'will not',
    "shan't": 'shall not',
    "let's": 'let us',
    lets: 'let us',
    "i'm": 'i am',
    im: 'i am',
    ive: 'i have',
    "it's": 'it is',
    "what's": 'what is',
    whats: 'what is',
    "that's": 'that is',
    thats: 'that is',
    "there's": 'there is',
    "here's": 'here is',
    "who's": 'who is',
    "how's": 'how is',
    "where's": 'where is',
    "he's": 'he is',
    "she's": 'she is',
    dont: 'do not',
    doesnt: 'does not',
    didnt: 'did not',
    isnt: 'is not',
    arent: 'are not',
    wasnt: 'was not',
    werent: 'were not',
    havent: 'have not',
    hasnt: 'has not',
    hadnt: 'had not',
    couldnt: 'could not',
    shouldnt: 'should not',
    wouldnt: 'would not',
    youre: 'you are',
    theyre: 'they are',
    ur: 'your',
    u: 'you',
    r: 'are',
    pls: 'please',
    plz: 'please',
    thx: 'thanks',
    ty: 'thank you',
    wat: 'what',
    wht: 'what',
    hw: 'how',
  }),
);

/** Words that carry no meaning for any route. Kept short on purpose: "like", "so", "well" can matter. */
const FILLERS = new Set([
  'um',
  'umm',
  'uh',
  'uhh',
  'uhm',
  'erm',
  'er',
  'hmm',
  'hm',
  'mm',
  'ah',
  'oh',
  'please',
  'just',
  'really',
  'actually',
  'basically',
  'literally',
  'alexa',
]);

const FILLER_PHRASES: Array<[RegExp, string]> = [
  [/\byou know\b/g, ' '],
  [/\bi mean\b/g, ' '],
  [/\bkind of\b/g, ' '],
  [/\bsort of\b/g, ' '],
];

/** Common speech-recognition mishearings in this domain. */
const HEARD_AS: Array<[RegExp, string]> = [
  [/\bmessages\b/g, 'massages'],
  [/\bmessage\b/g, 'massage'],
  [/\bmessaging\b/g, 'massaging'],
  [/\bmassage ?ing\b/g, 'massaging'],
  [/\bmass age\b/g, 'massage'],
  [/\bmassages?r\b/g, 'massager'],
  [/\bnext massage\b/g, 'neck massage'],
  [/\bnick massage\b/g, 'neck massage'],
  [/\bnecks? stretch/g, 'neck stretch'],
  [/\btricker point\b/g, 'trigger point'],
  [/\btrigger pointe\b/g, 'trigger point'],
  [/\bskull massage\b/g, 'scalp massage'],
  [/\bscalpel massage\b/g, 'scalp massage'],
  // the homophone of knead, and a correctly spelled word the speller will not touch
  [/\bkneed\b/g, 'knead'],
  // the silent b, dropped in typing as in speech: "my fingers went num"
  [/\bnum\b/g, 'numb'],
];

const NUMBER_WORDS = new Map<string, string>(
  Object.entries({
    one: '1',
    first: '1',
    two: '2',
    second: '2',
    three: '3',
    third: '3',
    four: '4',
    fourth: '4',
    five: '5',
    fifth: '5',
    six: '6',
    sixth: '6',
    seven: '7',
    seventh: '7',
    eight: '8',
    eighth: '8',
    nine: '9',
    ninth: '9',
    ten: '10',
    tenth: '10',
  }),
);

// Control characters separate words; zero-width and direction marks vanish ("diz\u200bzy" is "dizzy").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

/** Printable ASCII only: no Unicode folding, invisible marks or curly quotes to undo. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
/** A necessary condition for any FILLER_PHRASES / HEARD_AS rule to apply (most input has none). */
const MAY_HAVE_FILLER_PHRASE = /you know|i mean|kind of|sort of/;
const MAY_BE_MISHEARD =
  /messag|mass age|massages?r|massage ?ing|next massage|nick massage|necks? stretch|tricker point|trigger pointe|skull massage|scalpel massage|kneed\b|\bnum\b/;

export function normalize(input: string): Normalized {
  // Never cut: the safety router reads the whole message, however long (the channels bound its size).
  const s = input;
  return tokenize(PLAIN_ASCII.test(s) ? cleanAscii(s) : cleanUnicode(s));
}

/** The general path: Unicode folding, invisible and control characters, any script. */
export function cleanUnicode(input: string): string {
  let s = input
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'")
    .replace(/<[^>]{0,200}>/g, ' ')
    .toLowerCase()
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, ' ');
  // Contractions first, while apostrophes are still there.
  s = s.replace(/[a-z]+'[a-z]+/g, (w) => CONTRACTIONS.get(w) ?? expandSuffix(w));
  s = s.replace(/'/g, '');
  // Anything that is not a letter or digit separates words (hyphens too: "mind-numbing").
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ');
  // "dizzzzy" -> "dizzy": three or more of one letter become two.
  s = s.replace(/(\p{L})\1{2,}/gu, '$1$1');
  return replacePhrases(s);
}

/**
 * The same steps for printable ASCII (nearly every message), skipping the ones that cannot apply:
 * NFKC is the identity there and letters are a-z. A property test keeps it equal to cleanUnicode.
 */
export function cleanAscii(input: string): string {
  let s = input;
  if (s.includes('`')) s = s.replace(/`/g, "'");
  if (s.includes('<')) s = s.replace(/<[^>]{0,200}>/g, ' ');
  s = s.toLowerCase();
  if (s.includes('&')) s = s.replace(/&(amp|lt|gt|quot|apos|nbsp);/g, ' ');
  if (s.includes("'")) {
    s = s.replace(/[a-z]+'[a-z]+/g, (w) => CONTRACTIONS.get(w) ?? expandSuffix(w));
    s = s.replace(/'/g, '');
  }
  s = s.replace(/[^a-z0-9]+/g, ' ');
  s = s.replace(/([a-z])\1{2,}/g, '$1$1');
  return replacePhrases(s);
}

function replacePhrases(input: string): string {
  let s = input;
  if (MAY_HAVE_FILLER_PHRASE.test(s)) for (const [re, to] of FILLER_PHRASES) s = s.replace(re, to);
  if (MAY_BE_MISHEARD.test(s)) for (const [re, to] of HEARD_AS) s = s.replace(re, to);
  return s;
}

function tokenize(s: string): Normalized {
  let tokens: string[] = [];
  for (const raw of s.split(' ')) {
    if (raw.length === 0 || FILLERS.has(raw)) continue;
    const expanded = CONTRACTIONS.get(raw);
    if (expanded) tokens.push(...expanded.split(' '));
    else tokens.push(raw);
  }
  const request = invocationEnd(tokens);
  if (request > 0)
    tokens = request === tokens.length ? [...BARE_INVOCATION] : tokens.slice(request);
  return { text: tokens.join(' '), tokens };
}

/** An invocation with no request after it ("alexa, open neck massage coach") says hello. */
const BARE_INVOCATION = ['hello'] as const;
const WAKE_WORDS = new Set(['hey', 'ok', 'okay']);
/** Alexa's launch words, and "talk to". */
const INVOKE_VERBS = new Set([
  'ask',
  'tell',
  'open',
  'launch',
  'start',
  'begin',
  'run',
  'load',
  'use',
  'talk',
]);
const REQUEST_LINKS = new Set(['to', 'about', 'if', 'whether', 'for', 'and']);

/**
 * Where the request starts after a spoken invocation ("alexa, ask neck coach how hard to press",
 * "tell neck massage coach to start neck stretches"): 0 when there is none. The words around the
 * skill's name are not the question; left in, "coach" would read as "coach me through".
 */
function invocationEnd(tokens: readonly string[]): number {
  let i = 0;
  if (WAKE_WORDS.has(tokens[i] ?? '')) i++;
  if (!INVOKE_VERBS.has(tokens[i] ?? '')) return 0;
  if (tokens[i] === 'talk' && tokens[i + 1] === 'to') i++;
  i++;
  if (tokens[i] === 'the') i++;
  if (tokens[i] !== 'neck') return 0;
  i++;
  if (tokens[i] === 'massage') i++;
  if (tokens[i] !== 'coach') return 0;
  i++;
  if (REQUEST_LINKS.has(tokens[i] ?? '')) i++;
  return i;
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

/** "step three" -> 3; digits pass through. */
export function numberFromWord(token: string): number | undefined {
  const digits = NUMBER_WORDS.get(token) ?? token;
  return /^\d{1,3}$/.test(digits) ? Number(digits) : undefined;
}
