import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LexicalBridge, type BankVocabulary } from '../../src/core/lexical-bridge';
import { WordNet } from '../../src/core/wordnet';

type Part = 'noun' | 'verb' | 'adj' | 'adv';
const POS: Record<Part, string> = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' };

interface FixtureSynset {
  name: string;
  part: Part;
  /** "s" for an adjective satellite. */
  type?: string;
  words: string[];
  /** [symbol, target synset name, source word, target word] (word numbers 0 for semantic). */
  pointers?: Array<[string, string, number, number]>;
}

/**
 * A tiny WordNet in WordNet's own file format: a licence header, index lines listing each lemma's
 * synsets in sense order, and data lines whose offsets are their byte offsets.
 */
function writeWordNet(dir: string, synsets: FixtureSynset[]): void {
  const header = '  1 This is a fixture, not WordNet.  \n';
  const offsets = new Map<string, number>();
  const lineOf = (s: FixtureSynset, offset = 0) => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const words = s.words.map((w) => `${w} 0`).join(' ');
    const pointers = (s.pointers ?? []).map(([symbol, target, from, to]) => {
      const t = synsets.find((x) => x.name === target)!;
      const hex = (n: number) => n.toString(16).padStart(2, '0');
      return `${symbol} ${pad(offsets.get(target) ?? 0, 8)} ${t.type ?? POS[t.part]} ${hex(from)}${hex(to)}`;
    });
    const count = s.words.length.toString(16).padStart(2, '0');
    return `${pad(offset, 8)} 00 ${s.type ?? POS[s.part]} ${count} ${words} ${pad(pointers.length, 3)} ${pointers.join(' ')} | gloss  \n`;
  };
  for (const part of Object.keys(POS) as Part[]) {
    const mine = synsets.filter((s) => s.part === part);
    let at = header.length;
    for (const s of mine) {
      offsets.set(s.name, at);
      at += Buffer.byteLength(lineOf(s));
    }
  }
  for (const part of Object.keys(POS) as Part[]) {
    const mine = synsets.filter((s) => s.part === part);
    writeFileSync(
      join(dir, `data.${part}`),
      header + mine.map((s) => lineOf(s, offsets.get(s.name))).join(''),
    );
    const lemmas = [...new Set(mine.flatMap((s) => s.words))].sort();
    const index = lemmas.map((lemma) => {
      const senses = mine.filter((s) => s.words.includes(lemma));
      const offs = senses.map((s) => String(offsets.get(s.name)).padStart(8, '0'));
      return `${lemma} ${POS[part]} ${senses.length} 0 ${senses.length} 0 ${offs.join(' ')}  \n`;
    });
    writeFileSync(join(dir, `index.${part}`), header + index.join(''));
  }
}

const SYNSETS: FixtureSynset[] = [
  { name: 'stop', part: 'verb', words: ['discontinue', 'stop', 'cease', 'quit'] },
  { name: 'end-noun', part: 'noun', words: ['cease', 'ceasing'], pointers: [['@', 'end', 0, 0]] },
  { name: 'end', part: 'noun', words: ['end', 'ending'] },
  {
    name: 'stiffen',
    part: 'verb',
    words: ['stiffen'],
    pointers: [
      ['!', 'relax', 1, 1],
      ['+', 'stiffness', 1, 2],
    ],
  },
  { name: 'relax', part: 'verb', words: ['relax'] },
  { name: 'stiffness', part: 'noun', words: ['rigidity', 'stiff', 'inflexibility'] },
  { name: 'sore', part: 'adj', words: ['sore', 'painful'] },
  {
    name: 'detrimental',
    part: 'adj',
    type: 's',
    words: ['detrimental', 'prejudicial'],
    pointers: [['&', 'harmful', 0, 0]],
  },
  { name: 'harmful', part: 'adj', words: ['harmful'] },
  { name: 'tense', part: 'adj', words: ['tense'], pointers: [['!', 'relaxed', 1, 1]] },
  { name: 'relaxed', part: 'adj', words: ['relaxed'] },
];

describe('WordNet (read from its files)', () => {
  let dir: string;
  let wordnet: WordNet;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wordnet-'));
    writeWordNet(dir, SYNSETS);
    wordnet = new WordNet(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('knows lemmas, not their inflections, and skips the licence header', () => {
    expect(wordnet.has('cease')).toBe(true);
    expect(wordnet.has('ceased')).toBe(false);
    expect(wordnet.has('1')).toBe(false);
  });

  it('reads a synset at its byte offset, with its words and pointers', () => {
    const [first] = wordnet.sensesOf('stiffen');
    const synset = wordnet.synset(first!)!;
    expect(synset.words).toEqual(['stiffen']);
    expect(synset.pointers.map((p) => [p.symbol, p.sourceWord, p.targetWord])).toEqual([
      ['!', 1, 1],
      ['+', 1, 2],
    ]);
    expect(wordnet.synset(synset.pointers[1]!.target)!.words).toEqual([
      'rigidity',
      'stiff',
      'inflexibility',
    ]);
  });

  it('files an adjective satellite under the adjectives', () => {
    const synset = wordnet.synset(wordnet.sensesOf('detrimental')[0]!)!;
    expect(wordnet.synset(synset.pointers[0]!.target)!.words).toEqual(['harmful']);
  });

  it('lists senses by rank across parts of speech, and none for a word it lacks', () => {
    const senses = wordnet.sensesOf('cease').map((k) => wordnet.synset(k)!.words[0]);
    expect(senses).toEqual(['cease', 'discontinue']);
    expect(wordnet.sensesOf('massage')).toEqual([]);
  });

  it('gives no synset for an offset that is not one', () => {
    expect(wordnet.synset('n00000001')).toBeUndefined();
    expect(wordnet.synset('n99999999')).toBeUndefined();
  });
});

describe('LexicalBridge', () => {
  let dir: string;
  let wordnet: WordNet;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wordnet-'));
    writeWordNet(dir, SYNSETS);
    wordnet = new WordNet(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bankOf = (known: string[], rewritten: string[] = []): BankVocabulary => ({
    knows: (w) => known.includes(w),
    bridgeable: (w) => !known.includes(w) && !rewritten.includes(w),
  });
  const words = ['cease', 'stiffen', 'detrimental', 'tense', 'sore', 'prejudicial', 'massage'];

  it('reads a word the bank never saw as a synonym the bank knows, inflections too', () => {
    const bridge = LexicalBridge.build(wordnet, bankOf(['stop', 'end', 'stiff']), words);
    expect(bridge.wordFor('cease')).toBe('stop');
    expect(bridge.wordFor('ceased')).toBe('stop');
    expect(bridge.wordFor('ceasing')).toBe('stop');
  });

  it('takes a related word when no synonym is known, and a broader one last', () => {
    const bridge = LexicalBridge.build(wordnet, bankOf(['end', 'stiff', 'harmful']), words);
    expect(bridge.wordFor('stiffened')).toBe('stiff');
    expect(bridge.wordFor('detrimental')).toBe('harmful');
    expect(bridge.wordFor('cease')).toBe('end');
  });

  it('follows a lexical pointer to its target word only, and never an antonym', () => {
    const lexical = LexicalBridge.build(wordnet, bankOf(['rigidity', 'relax']), words);
    expect(lexical.wordFor('stiffen')).toBeUndefined();
    expect(lexical.wordFor('tense')).toBeUndefined();
    expect(LexicalBridge.build(wordnet, bankOf(['relaxed']), words).wordFor('tense')).toBe(
      undefined,
    );
  });

  it('leaves known words, words the synonyms rewrite, and words outside the list alone', () => {
    const bridge = LexicalBridge.build(
      wordnet,
      bankOf(['painful', 'sore', 'harmful'], ['detrimental']),
      ['sore', 'detrimental'],
    );
    expect(bridge.wordFor('sore')).toBeUndefined();
    expect(bridge.wordFor('detrimental')).toBeUndefined();
    expect(bridge.wordFor('prejudicial')).toBeUndefined();
    expect(bridge.size).toBe(0);
  });

  it('round-trips through its entries (the NLU artifact)', () => {
    const bridge = LexicalBridge.build(wordnet, bankOf(['stop', 'stiff', 'harmful']), words);
    expect(bridge.size).toBeGreaterThan(0);
    const copy = new LexicalBridge(bridge.entries());
    for (const w of ['ceased', 'stiffening', 'prejudicial'])
      expect(copy.wordFor(w)).toBe(bridge.wordFor(w));
  });
});
