import type { TextAndSpeech } from '../content/schema';

export type Vars = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown placeholder is left visible so content tests catch it. */
export function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in vars ? String(vars[key]) : whole,
  );
}

export function fillBoth(t: TextAndSpeech, vars: Vars = {}): TextAndSpeech {
  return { text: fill(t.text, vars), speech: fill(t.speech, vars) };
}

/** Joins sentences for display or speech, skipping empty ones. */
export function joinSentences(...parts: Array<string | undefined>): string {
  return parts
    .map((p) => p?.trim())
    .filter((p): p is string => !!p)
    .join(' ');
}

/** Display text can carry light Markdown; speech must not. */
export function plainSpeech(text: string): string {
  return remembered(speechMemo, text, () => plainText(text).replace(/\s+/g, ' '));
}

/** Display text without Markdown emphasis or bullets, keeping its line breaks (cards, screens). */
export function plainText(text: string): string {
  return remembered(textMemo, text, () =>
    text
      .replace(/\*\*|__|[*_`#]/g, '')
      .replace(/^[ \t]*[-•][ \t]+/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  );
}

// Replies are mostly content text, so the same few hundred strings come back on every turn.
const MEMO_LIMIT = 2_000;
const speechMemo = new Map<string, string>();
const textMemo = new Map<string, string>();

function remembered(memo: Map<string, string>, key: string, compute: () => string): string {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    value = compute();
    memo.set(key, value);
  }
  return value;
}
