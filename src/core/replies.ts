import { promptKeyOf, type ContentBundle, type PromptKey } from '../content/bundle';
import type {
  Answer,
  Routine,
  RoutineStep,
  SafetyResponse,
  TextAndSpeech,
} from '../content/schema';
import {
  MAX_SUGGESTIONS,
  speechOf,
  type Card,
  type Outcome,
  type Reply,
  type SpeechPart,
  type Suggestion,
} from './reply';
import type { SafetyHit } from './safety';
import { safetyWording } from './safety';
import { fill, fillBoth, joinSentences, type Vars } from './templates';

/** Longest single pause a voice channel may play (Alexa caps <break> at 10 s). */
export const MAX_PAUSE_SECONDS = 10;
const TIMED_LEAD = { hold: 'holdLead', rest: 'restLead', 'keep-going': 'keepGoingLead' } as const;

export interface ReplyParts {
  outcome: Outcome;
  blocks: TextAndSpeech[];
  speechParts?: SpeechPart[];
  reprompt?: string;
  suggestions?: Suggestion[];
  card?: Card;
  keepOpen?: boolean;
}

/** Builds channel-neutral replies from content: the only place text is assembled. */
export class ReplyBuilder {
  private readonly answers: Map<string, Answer>;
  private readonly safety: Map<string, SafetyResponse>;
  readonly routines: Map<string, Routine>;
  private readonly invocationName: string;

  constructor(readonly content: ContentBundle) {
    this.invocationName = content.skill.invocation.names[0] ?? '';
    this.answers = new Map(content.answers.map((a) => [a.id, a]));
    this.safety = new Map(content.safetyResponses.map((r) => [r.id, r]));
    this.routines = new Map(content.routines.map((r) => [r.id, r]));
  }

  prompt(key: PromptKey, vars: Vars = {}): TextAndSpeech {
    // A small-talk id may be passed as it is: "about-coach" is prompt `aboutCoach`.
    const prompts: Partial<Record<string, TextAndSpeech>> = this.content.prompts;
    const prompt = prompts[key] ?? prompts[promptKeyOf(key)];
    if (!prompt) throw new Error(`unknown prompt ${key}`);
    // "open {invocation} to pick up at step 3": how a voice user comes back once the session ends.
    return fillBoth(prompt, { invocation: this.invocationName, ...vars });
  }

  answer(id: string): Answer {
    const a = this.answers.get(id);
    if (!a) throw new Error(`unknown answer ${id}`);
    return a;
  }

  routine(id: string): Routine {
    const r = this.routines.get(id);
    if (!r) throw new Error(`unknown routine ${id}`);
    return r;
  }

  /** A suggestion that asks for a topic: its title as the label, its first question as the words. */
  topicSuggestion(id: string): Suggestion {
    const a = this.answer(id);
    return { label: a.title, value: a.questions[0] ?? a.title };
  }

  routineSuggestion(id: string): Suggestion {
    const r = this.routine(id);
    const template = this.content.language.routines.suggestion;
    return { label: r.title, value: fill(template, { routine: r.names[0] ?? r.title }) };
  }

  build(parts: ReplyParts): Reply {
    const speechParts = parts.speechParts ?? [
      { say: joinSentences(...parts.blocks.map((b) => b.speech)) },
    ];
    const reply: Reply = {
      outcome: parts.outcome,
      text: parts.blocks
        .map((b) => b.text.trim())
        .filter(Boolean)
        .join('\n\n'),
      speech: speechOf(speechParts),
      speechParts,
      suggestions: (parts.suggestions ?? []).slice(0, MAX_SUGGESTIONS),
      keepOpen: parts.keepOpen ?? true,
    };
    if (parts.reprompt) reply.reprompt = parts.reprompt;
    if (parts.card) reply.card = parts.card;
    return reply;
  }

  /** How a reminder names a precaution that fired earlier ("an injury"). */
  safetyMention(id: string): string {
    const response = this.safety.get(id);
    if (!response) throw new Error(`unknown safety response ${id}`);
    return response.mention;
  }

  safetyBlock(hit: SafetyHit): { block: TextAndSpeech; title: string } {
    const response = this.safety.get(hit.id);
    if (!response) throw new Error(`unknown safety response ${hit.id}`);
    return { block: safetyWording(response, hit.framing), title: response.title };
  }

  /** Display lines, speech with timed pauses, and the hold label of one routine step. */
  stepParts(
    routine: Routine,
    stepNumber: number,
  ): {
    step: RoutineStep;
    header: TextAndSpeech;
    hold?: TextAndSpeech;
    holdSpeech: SpeechPart[];
  } {
    const step = routine.steps[stepNumber - 1];
    if (!step) throw new Error(`routine ${routine.id} has no step ${stepNumber}`);
    const header = this.prompt('stepHeader', { step: stepNumber, total: routine.steps.length });
    if (!step.hold) return { step, header, holdSpeech: [] };
    if ('seconds' in step.hold) {
      const kind = step.hold.kind ?? 'hold';
      const hold = this.prompt(TIMED_LEAD[kind], { seconds: step.hold.seconds });
      const done = this.prompt(kind === 'hold' ? 'holdDone' : 'timedDone');
      return {
        step,
        header,
        hold,
        holdSpeech: [{ say: hold.speech }, ...countdown(step.hold.seconds), { say: done.speech }],
      };
    }
    const { repetitions, unit, pace } = step.hold;
    const hold = this.prompt('repetitionsLead', { count: repetitions, unit, pace });
    const counted: SpeechPart[] = [];
    for (let n = 1; n <= repetitions; n++) {
      counted.push({ say: this.prompt('repetitionCount', { count: n }).speech });
      counted.push({ pauseSeconds: pace });
    }
    return {
      step,
      header,
      hold,
      holdSpeech: [{ say: hold.speech }, ...counted, { say: this.prompt('timedDone').speech }],
    };
  }
}

/** A hold led by voice: pauses of at most 10 s, with the seconds left said between them. */
export function countdown(seconds: number): SpeechPart[] {
  const parts: SpeechPart[] = [];
  let left = seconds;
  while (left > 0) {
    const chunk = left > MAX_PAUSE_SECONDS ? Math.min(MAX_PAUSE_SECONDS, left - 5) : left;
    parts.push({ pauseSeconds: chunk });
    left -= chunk;
    if (left > 0) parts.push({ say: `${left}.` });
  }
  return parts;
}
