/**
 * The core's light Markdown (bold, italics, short lists) as a Teams text message shows it.
 *
 * Teams renders a subset of Markdown in text messages: bold and italics on every client, but lists
 * only on desktop (iOS and Android print the raw markers), and it ignores a single newline (a
 * blank line gives one line break). Unchanged, "keep in mind:\n- **Go easy.** …\n- …" collapses
 * into one run-on line on a phone. So every line is set apart by a blank line and a "- " bullet
 * becomes "•", which reads the same everywhere; numbered steps keep their numbers.
 */
export function teamsMessageMarkdown(markdown: string): string {
  return markdown
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.replace(/^[-*+]\s+/, '• '))
    .join('\n\n');
}
