import stem from 'wink-porter2-stemmer';

/**
 * Words that say nothing about which topic is meant. Question words that separate topics
 * ("when" to avoid vs "where" to avoid, "why" see a professional, "should" I see a doctor) are
 * deliberately kept.
 */
const STOPWORDS = new Set(
  (
    'a an the i me my mine you your yours we us our it its itself this that these those ' +
    'is am are was were be been being do does did doing have has had having of to in on at by for with ' +
    'about into from and or but so than too very can could would will shall may might must what ' +
    'how some any there here he she him her his hers they them their theirs get got gets getting ' +
    'know want wanted need needs ok okay hey thing things also as if then which someone somebody anyone ' +
    'one ones really lot lots bit little please explain mean means id like just be im ive whats ' +
    'does much many way ways give me let go going gonna wanna kind sort actually something anything'
  ).split(' '),
);

const REQUEST_OBJECTS = new Set(['me', 'us']);

/**
 * "tell me about…" asks for an answer and a last "tell" ("how can you tell") says nothing;
 * "tell my therapist" is what the question is about.
 */
function isRequestTell(tokens: readonly string[], i: number): boolean {
  const next = tokens[i + 1];
  return tokens[i] === 'tell' && (next === undefined || REQUEST_OBJECTS.has(next));
}

const OKAY = new Set(['ok', 'okay']);
const BEFORE_JUDGEMENT = new Set('is it that be are was feel feels totally'.split(' '));
const AFTER_JUDGEMENT = new Set(['to', 'if', 'for']);
const YES_NO_OPENERS = new Set('is are would will can could should do does'.split(' '));

/**
 * "is it ok to massage my neck", "is neck massage okay": a judgement, the headline question.
 * "ok so how do I…", "okay thanks", "show me kneading ok": filler, left to the stop words.
 */
function isJudgement(tokens: readonly string[], i: number): boolean {
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  return (
    (before !== undefined && BEFORE_JUDGEMENT.has(before)) ||
    (after !== undefined && AFTER_JUDGEMENT.has(after)) ||
    (after === undefined && i > 0 && YES_NO_OPENERS.has(tokens[0]!))
  );
}

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

export function stemOf(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    s = /^\d+$/.test(token) ? token : stem(token);
    stemCache.set(token, s);
  }
  return s;
}

/**
 * Content terms of a token list: stop words out, the rest stemmed, plus adjacent-pair bigrams.
 * An "ok" that judges ("is it ok to…") is kept, as its synonym "alright".
 */
export function termsOf(tokens: readonly string[]): string[] {
  const unigrams = tokens
    .map((t, i) => (OKAY.has(t) && isJudgement(tokens, i) ? 'alright' : t))
    .filter((t, i) => !STOPWORDS.has(t) && !isRequestTell(tokens, i))
    .map(stemOf);
  const terms = [...unigrams];
  for (let i = 0; i + 1 < unigrams.length; i++) terms.push(`${unigrams[i]}_${unigrams[i + 1]}`);
  return terms;
}
