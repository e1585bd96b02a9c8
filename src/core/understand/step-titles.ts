import type { Routine } from '../../content/schema';
import type { Language } from '../language';
import { stemOf } from '../terms';

/**
 * Steps named by their titles: "skip to the circles", "jump to the left side". A message that says
 * one of `commands.stepMoves` ("skip to", "go back to") followed by words of a step's title goes to
 * that step; the step whose title shares most of the words after the move wins, and between equals
 * the first one after the current step (else the first one).
 */
export class StepTitles {
  /** Each routine's step titles as stemmed content words, step 1 first. */
  private readonly titles = new Map<string, Set<string>[]>();
  private readonly moves: string[][];
  /** Words that name a step but not which one ("step"): no title word. */
  private readonly stepWords: ReadonlySet<string>;

  constructor(
    routines: readonly Routine[],
    private readonly language: Language,
  ) {
    this.stepWords = new Set(language.data.commands.stepWords);
    for (const r of routines)
      this.titles.set(
        r.id,
        r.steps.map((s) => new Set(this.contentWords(language.normalize(s.title).tokens))),
      );
    this.moves = language.data.commands.stepMoves.map((m) => language.normalize(m).tokens);
  }

  /** The step (from 1) the message moves to by its title, or undefined. */
  stepNamed(routineId: string, tokens: readonly string[], current: number): number | undefined {
    const titles = this.titles.get(routineId);
    if (!titles) return undefined;
    const after = this.afterMove(tokens);
    if (!after) return undefined;
    const words = this.contentWords(after);
    if (words.length === 0) return undefined;
    let best = 0;
    let steps: number[] = [];
    titles.forEach((title, i) => {
      const shared = words.filter((w) => title.has(w)).length;
      if (shared > best) [best, steps] = [shared, [i + 1]];
      else if (shared === best && shared > 0) steps.push(i + 1);
    });
    if (best === 0) return undefined;
    return steps.find((step) => step > current) ?? steps[0];
  }

  private afterMove(tokens: readonly string[]): readonly string[] | undefined {
    for (let i = 0; i < tokens.length; i++)
      for (const move of this.moves)
        if (move.every((w, k) => tokens[i + k] === w)) return tokens.slice(i + move.length);
    return undefined;
  }

  private contentWords(tokens: readonly string[]): string[] {
    return tokens
      .filter((t) => !this.language.terms.isStopword(t) && !this.stepWords.has(t))
      .map(stemOf);
  }
}
