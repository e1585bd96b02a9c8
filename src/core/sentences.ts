/** The sentences of a text: split after . ! or ?, keeping only parts with a word in them. */
export function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/).filter((part) => /\w/.test(part));
}
