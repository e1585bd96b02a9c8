/**
 * A list of short word phrases from the language data, looked up by their first word so a message
 * is read once, whatever the length of the list.
 */
export class PhraseSet {
  private readonly byFirst = new Map<string, string[][]>();

  constructor(phrases: readonly (readonly string[])[]) {
    for (const words of phrases) {
      const first = words[0];
      if (first === undefined) continue;
      const list = this.byFirst.get(first) ?? [];
      list.push([...words]);
      this.byFirst.set(first, list);
    }
  }

  /** One of the phrases occurs in `tokens`, word for word. */
  occursIn(tokens: readonly string[]): boolean {
    for (let i = 0; i < tokens.length; i++) {
      for (const words of this.byFirst.get(tokens[i]!) ?? []) {
        if (i + words.length > tokens.length) continue;
        let k = 1;
        while (k < words.length && tokens[i + k] === words[k]) k++;
        if (k === words.length) return true;
      }
    }
    return false;
  }
}
