import { NAVIGATION_IDS, SMALLTALK_IDS } from '../contract';
import type { CommandHit, IntentPhrases, RoutineMention } from '../intent-phrases';
import type { AnswerMatcher, MatchResult } from '../matcher';
import { normalize, numberFromWord } from '../normalize';
import type { SafetyRouter } from '../safety';
import { sentencesOf } from '../sentences';
import type { ConversationState } from '../session';
import type { Turn } from '../turn';
import type { Interpretation, RoutineStart } from './interpretation';

const CUED_START_CONFIDENCE = 0.9;
/** Words from which a message counts as long: a story, then the question. */
const LONG_MESSAGE_WORDS = 15;

/** Turns a `Turn` and the dialogue context into one `Interpretation`. */
export class Understanding {
  constructor(
    private readonly safety: SafetyRouter,
    private readonly phrases: IntentPhrases,
    private readonly matcher: AnswerMatcher,
  ) {}

  of(turn: Turn, context: ConversationState): Interpretation {
    const text = wordsOf(turn);
    const tokens = normalize(text).tokens;
    const inRoutine = context.routine?.status === 'active';
    const mention = this.phrases.findRoutine(tokens);
    let match: MatchResult | undefined;
    let social: { hit: CommandHit | undefined } | undefined;
    return {
      turn,
      text,
      tokens,
      safety:
        turn.type === 'launch' || turn.type === 'end'
          ? undefined
          : this.safety.detect(tokens, inRoutine),
      command: this.commandOf(turn, tokens),
      mention,
      routineStart: this.routineStartOf(turn, tokens, mention),
      match: () => (match ??= this.matchQuestion(text, tokens, mention !== undefined)),
      social: () => (social ??= { hit: this.phrases.findSocial(tokens) }).hit,
    };
  }

  /**
   * The matcher's reading of a question. A long message that matched nothing in scope is read
   * again from its last sentence, where people put the question after the story ("I took an
   * anatomy class years ago… Can you remind me which nerves are in the neck?"), unless the message
   * names something out of scope anywhere.
   */
  private matchQuestion(text: string, tokens: string[], namesRoutine: boolean): MatchResult {
    const whole = this.matcher.match(tokens, namesRoutine);
    if (whole.decision === 'answer' || whole.namesOutOfScope) return whole;
    if (tokens.length < LONG_MESSAGE_WORDS) return whole;
    const sentences = sentencesOf(text);
    if (sentences.length < 2) return whole;
    const question = this.matcher.match(normalize(sentences.at(-1)!).tokens, namesRoutine);
    return question.decision === 'answer' && !question.namesOutOfScope ? question : whole;
  }

  private commandOf(turn: Turn, tokens: string[]): CommandHit | undefined {
    const name = turn.intent?.name;
    if (turn.type === 'intent' && name) {
      if ((NAVIGATION_IDS as readonly string[]).includes(name)) {
        const step =
          numberFromWord(normalize(turn.intent?.slots?.step ?? '').tokens[0] ?? '') ?? NaN;
        return {
          kind: 'navigation',
          id: name,
          exact: true,
          ...(Number.isFinite(step) ? { step } : {}),
        };
      }
      if ((SMALLTALK_IDS as readonly string[]).includes(name)) {
        return { kind: 'smalltalk', id: name, exact: true };
      }
      if (name === 'yes' || name === 'no') return { kind: 'confirm', id: name, exact: true };
    }
    if (turn.type === 'launch' || turn.type === 'end') return undefined;
    return this.phrases.matchCommand(tokens);
  }

  private routineStartOf(
    turn: Turn,
    tokens: string[],
    mention: RoutineMention | undefined,
  ): RoutineStart | undefined {
    if (turn.type === 'intent' && turn.intent?.name === 'start-routine') {
      const named = this.phrases.findRoutine(normalize(turn.intent.slots?.routine ?? '').tokens);
      if (named) return { routineId: named.routineId, confidence: 1 };
    }
    if (turn.type === 'launch' || turn.type === 'end') return undefined;
    const start = this.phrases.matchRoutineStart(tokens, mention);
    return (
      start && { routineId: start.routineId, confidence: start.exact ? 1 : CUED_START_CONFIDENCE }
    );
  }
}

/** What the person said or typed (a voice intent carries it in its query slot). */
export function wordsOf(turn: Turn): string {
  return turn.text ?? turn.intent?.slots?.query ?? '';
}
