import type { ContentBundle } from '../content/bundle';
import type { Language } from './language';
import { NONE, type NetExample } from './safety-net';

/**
 * The safety net's training lines, all from content: the lexicon's triggers and samples of the
 * concepts' groups put into short sentences (content/safety/net.yaml `templates`), the statements
 * written for each family (net-examples.yaml), and as negatives every question of the answer bank
 * and of out-of-scope.yaml, every intent sample, the decoys and the ordinary reasons to want a
 * massage. A negative the phrase layer itself routes to safety ("should I avoid massage after
 * whiplash?") is left out: it is a safety message, and teaching the net otherwise would blunt it.
 */
export function netTrainingSet(
  content: ContentBundle,
  language: Language,
  routedByRules: (tokens: readonly string[]) => boolean,
): NetExample[] {
  const net = content.safetyNet;
  if (!net) return [];
  const out: NetExample[] = [];
  const add = (text: string, label: string) => {
    const tokens = language.normalize(text).tokens;
    if (tokens.length === 0) return;
    if (label === NONE && routedByRules(tokens)) return;
    out.push({ tokens, label });
  };
  const fill = (template: string, x: string) => template.replace('{x}', x);

  for (const tier of content.lexicon) {
    for (const trigger of tier.triggers) {
      const phrase = trigger.replace(/\s*\.\.\.\s*/g, ' ').replace(/\*/g, '');
      for (const t of net.templates) add(fill(t, phrase), tier.id);
    }
  }
  content.concepts.forEach((concept, c) => {
    const random = seeded(c + 1);
    for (let i = 0; i < net.conceptSamples; i++) {
      const words = concept.groups.map((g) => pick(g, random).replace(/\*/g, ''));
      if (random() < 0.5) words.reverse();
      add(fill(pick(net.templates, random), words.join(' ')), concept.id);
    }
  });
  // The written statements are the nearest to how people talk: they weigh more than templates.
  for (let n = 0; n < net.statementWeight; n++) {
    for (const [family, lines] of Object.entries(net.statements)) {
      for (const line of lines) add(line, family);
    }
  }

  for (const answer of content.answers) for (const q of answer.questions) add(q, NONE);
  for (const q of content.outOfScope.questions) add(q, NONE);
  for (const intent of content.intents) for (const s of intent.samples) add(s, NONE);
  for (const d of net.decoys) add(d, NONE);
  for (const x of net.ordinary) for (const t of net.templates) add(fill(t, x), NONE);
  return out;
}

/** The safety families, in the lexicon's priority order. */
export function netFamilies(content: ContentBundle): string[] {
  return [...new Set(content.lexicon.map((t) => t.id))];
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!;
}

/** mulberry32: the same content always gives the same training lines. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
