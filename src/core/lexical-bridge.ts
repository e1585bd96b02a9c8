import { stemOf } from './terms';
import type { WordNet } from './wordnet';

/**
 * WordNet relations that keep a word's meaning close enough to stand in for it, tried after the
 * word's own synonyms: similar to, derivationally related ("stiffen" -> "stiff"), pertainym, also
 * see, verb group, participle, attribute. Antonyms are never followed.
 */
const NEAR = new Set(['&', '+', '\\', '^', '$', '<', '=']);
/** Tried last: the broader word ("cease" as a noun -> "end"). */
const BROADER = new Set(['@', '@i']);

/** What the bridge needs to know of the answer bank's vocabulary. */
export interface BankVocabulary {
  /** The bank knows this word (its term is one the matcher learnt). */
  knows(word: string): boolean;
  /** The bank never saw the word (a content word, not one the synonyms already rewrite). */
  bridgeable(word: string): boolean;
}

/**
 * Reads a word the answer bank never saw as a bank word WordNet relates it to: "cease" -> "stop",
 * "alleviate" -> "relieve", "stiffened" -> "stiff". Built at training time from the common
 * English words WordNet has as a lemma and the bank does not know, keyed by the lemma's stem so inflections ("ceased", "ceasing")
 * find it too; a typed word is looked up by its stem, one map lookup.
 *
 * The nearest bank word wins: first a synonym (a word of the same synset), then a word of a
 * closely related synset, then of a broader one, each in sense order (commonest sense first).
 */
export class LexicalBridge {
  private readonly byStem: ReadonlyMap<string, string>;

  constructor(entries: Iterable<readonly [string, string]>) {
    this.byStem = new Map(entries);
  }

  /** The bank word for `token`, or undefined when the bank knows it or WordNet gives none. */
  wordFor(token: string): string | undefined {
    return this.byStem.get(stemOf(token));
  }

  get size(): number {
    return this.byStem.size;
  }

  /** [stem, bank word] pairs, for the NLU build artifact. */
  entries(): Array<[string, string]> {
    return [...this.byStem];
  }

  /**
   * `words`: the words that may be bridged, commonest first (the first of two with one stem
   * wins); those WordNet has as a lemma and the bank does not know get a bank word if WordNet
   * relates one.
   */
  static build(wordnet: WordNet, bank: BankVocabulary, words: Iterable<string>): LexicalBridge {
    const byStem = new Map<string, string>();
    for (const lemma of words) {
      if (!/^[a-z]+$/.test(lemma) || !wordnet.has(lemma)) continue;
      if (!bank.bridgeable(lemma)) continue;
      const stem = stemOf(lemma);
      if (byStem.has(stem)) continue;
      const target = nearestBankWord(wordnet, lemma, bank);
      if (target !== undefined) byStem.set(stem, target);
    }
    return new LexicalBridge(byStem);
  }
}

function nearestBankWord(
  wordnet: WordNet,
  lemma: string,
  bank: BankVocabulary,
): string | undefined {
  const senses = wordnet.sensesOf(lemma).flatMap((key) => {
    const synset = wordnet.synset(key);
    return synset ? [synset] : [];
  });
  const usable = (w: string | undefined) =>
    w !== undefined && w !== lemma && /^[a-z]+$/.test(w) && bank.knows(w) ? w : undefined;
  for (const synset of senses) {
    const hit = synset.words.find((w) => usable(w));
    if (hit) return hit;
  }
  for (const relations of [NEAR, BROADER]) {
    for (const synset of senses) {
      const self = synset.words.indexOf(lemma) + 1;
      for (const p of synset.pointers) {
        if (!relations.has(p.symbol)) continue;
        // A lexical pointer links one word of the synset to one word of the target.
        if (p.sourceWord !== 0 && p.sourceWord !== self) continue;
        const target = wordnet.synset(p.target);
        if (!target) continue;
        const hit =
          p.targetWord !== 0
            ? usable(target.words[p.targetWord - 1])
            : target.words.find((w) => usable(w));
        if (hit) return hit;
      }
    }
  }
  return undefined;
}
