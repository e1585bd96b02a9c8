import type { ContentBundle } from '../content/bundle';
import type { TextAndSpeech } from '../content/schema';
import { NAVIGATION_IDS, SMALLTALK_IDS, type NavigationId } from './contract';
import { FallbackTerms, type FallbackTopic } from './fallback-terms';
import { IntentPhrases, type CommandHit, type RoutineMention } from './intent-phrases';
import {
  AnswerMatcher,
  type MatcherModel,
  type MatcherSettings,
  type MatchResult,
} from './matcher';
import { normalize, numberFromWord } from './normalize';
import type { Outcome, Reply, Suggestion } from './reply';
import { ReplyBuilder } from './replies';
import { RoutineEngine, type Scratch } from './routine-engine';
import { SafetyRouter, type SafetyHit } from './safety';
import { sentencesOf } from './sentences';
import type { SessionState } from './session';
import { Speller } from './speller';
import { Synonyms } from './synonyms';
import { textTurn, type Turn } from './turn';
import { WordMatcher } from './word-match';

export interface PipelineOptions {
  /** Saved routine positions older than this are forgotten (default 24 h). */
  savedRoutineTtlMs?: number;
  matcher?: MatcherSettings;
  /** The matcher trained ahead of time for this content and these settings (see nlu-model.ts). */
  matcherModel?: MatcherModel;
  /** The speller's word counts, computed ahead of time with the matcher model (`wordFrequency()`). */
  wordFrequency?: ReadonlyMap<string, number>;
}

export interface TurnResult {
  reply: Reply;
  state: SessionState;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const FUZZY_COMMAND_CONFIDENCE = 0.85;
const CUED_START_CONFIDENCE = 0.9;
/** Answers about doing a technique or a self-massage: these carry a safety reminder. */
const TECHNIQUE_TOPIC = /^(techniques?|technique-.+|self-.+)$/;
/** The speller's vocabulary: every word the matcher learns from, the answers' speech included. */
function wordFrequencyOf(content: ContentBundle): Map<string, number> {
  const texts = [
    ...content.answers.flatMap((a) => [...a.questions, ...a.keywords, a.title, a.speech]),
    ...content.outOfScope.questions,
    ...content.outOfScope.keywords,
    ...content.synonyms.flatMap((s) => [s.to, ...s.from]),
  ];
  const frequency = new Map<string, number>();
  for (const text of texts) {
    for (const t of normalize(text).tokens) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  }
  return frequency;
}

/** Words from which a message counts as long: a story, then the question. */
const LONG_MESSAGE_WORDS = 15;

/**
 * The one pipeline every channel uses. Ranked routes, first match wins:
 * safety → pending yes/no → routine start → navigation and small talk → answer bank → fallback.
 */
export class Pipeline {
  readonly replies: ReplyBuilder;
  private readonly safety: SafetyRouter;
  private readonly phrases: IntentPhrases;
  private readonly matcher: AnswerMatcher;
  private readonly routines: RoutineEngine;
  private readonly savedTtl: number;
  private readonly fallbackTerms: FallbackTerms;
  /** Starter suggestions that need no state (questions, not routine starts). */
  private readonly statelessStarters: Suggestion[];
  private readonly frequency: ReadonlyMap<string, number>;

  constructor(
    readonly content: ContentBundle,
    commonWords: ReadonlySet<string>,
    options: PipelineOptions = {},
  ) {
    const frequency = options.wordFrequency ?? wordFrequencyOf(content);
    this.frequency = frequency;
    const words = new WordMatcher(commonWords, new Set(frequency.keys()));
    this.replies = new ReplyBuilder(content);
    this.safety = new SafetyRouter(content.lexicon, words, content.concepts);
    this.phrases = new IntentPhrases(content.intents, content.routines, words);
    this.matcher = new AnswerMatcher(
      content.answers,
      content.outOfScope,
      new Synonyms(content.synonyms),
      new Speller(frequency, words),
      options.matcher ?? content.nlu,
      options.matcherModel,
    );
    this.routines = new RoutineEngine(this.replies);
    this.savedTtl = options.savedRoutineTtlMs ?? DAY_MS;
    this.fallbackTerms = new FallbackTerms(commonWords, content.lexicon);
    this.statelessStarters = content.starters.filter((s) => {
      const { tokens } = normalize(s.value);
      return !this.routineStartOf(textTurn(s.value), tokens, this.phrases.findRoutine(tokens));
    });
  }

  /** What an unanswered turn was about, in words safe to log (see FallbackTerms). */
  fallbackTopic(turn: Turn): FallbackTopic {
    return this.fallbackTerms.of(normalize(wordsOf(turn)).tokens);
  }

  /**
   * The reply to give when state could not be loaded or saved. Answers, safety replies and small
   * talk need no state and stand; anything that leads or moves a routine would lose its place, so
   * it says so instead of pretending.
   */
  withoutState(reply: Reply): Reply {
    const needsState =
      reply.routine !== undefined ||
      reply.outcome.kind === 'routine' ||
      reply.outcome.kind === 'navigation';
    if (!needsState) return reply;
    return this.replies.build({
      outcome: reply.outcome,
      blocks: [this.replies.prompt('stateUnavailable')],
      suggestions: this.statelessStarters,
    });
  }

  /** The speller's word counts, for the build artifact. */
  wordFrequency(): ReadonlyMap<string, number> {
    return this.frequency;
  }

  /** The matcher's trained vocabulary and weights, for the build artifact. */
  matcherModel(): MatcherModel {
    return this.matcher.model();
  }

  /** The answer matcher's view of an utterance (for calibration and debugging). */
  explainMatch(text: string): MatchResult {
    return this.matcher.match(normalize(text).tokens);
  }

  /**
   * One turn. The given state is left as it was unless `ownState` says the caller hands it over
   * (freshly loaded for this turn), which saves copying it.
   */
  respond(
    turn: Turn,
    state: SessionState,
    now = Date.now(),
    { ownState = false }: { ownState?: boolean } = {},
  ): TurnResult {
    const s: Scratch = ownState
      ? { conversation: state.conversation, user: state.user, now }
      : {
          conversation: structuredClone(state.conversation),
          user: structuredClone(state.user),
          now,
        };
    const expired = this.expireSaved(s);
    const reply = this.route(turn, s, expired);
    const progress = s.conversation.routine;
    if (progress && progress.status === 'active') {
      reply.routine = {
        id: progress.id,
        step: progress.step,
        total: this.replies.routine(progress.id).steps.length,
      };
    }
    return { reply, state: { conversation: s.conversation, user: s.user } };
  }

  private expireSaved(s: Scratch): boolean {
    const saved = s.user.saved;
    if (saved && s.now - saved.savedAt > this.savedTtl) {
      delete s.user.saved;
      if (s.conversation.routine && s.conversation.routine.status !== 'active')
        delete s.conversation.routine;
      return true;
    }
    return false;
  }

  private route(turn: Turn, s: Scratch, expired: boolean): Reply {
    if (turn.type === 'launch') return this.welcome(s, expired);
    if (turn.type === 'end') return this.goodbye(s, 1);

    const text = wordsOf(turn);
    const { tokens } = normalize(text);

    // 1. Safety first, in every state.
    const hit = this.safety.detect(tokens, s.conversation.routine?.status === 'active');
    if (hit) return this.safetyReply(s, hit);

    const pending = s.conversation.pending;
    delete s.conversation.pending;
    const command = this.commandOf(turn, tokens);

    // 2. The answer to a question we just asked.
    if (pending && command?.kind === 'confirm') {
      const answered = this.answerPending(s, pending, command.id === 'yes', command);
      if (answered) return answered;
    }

    // 3. Starting a routine by name.
    const mention = this.phrases.findRoutine(tokens);
    const start = this.routineStartOf(turn, tokens, mention);
    if (start) return this.startRoutine(s, start.routineId, start.confidence);

    // 4. Commands: navigation, small talk, yes/no.
    if (command) return this.command(s, command, expired);

    // 5. The answer bank; 6. fallback.
    const result = this.matchQuestion(text, tokens, mention !== undefined);
    return this.answerOrFallback(s, tokens, result);
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
    return this.phrases.matchCommand(tokens);
  }

  private routineStartOf(
    turn: Turn,
    tokens: string[],
    mention: RoutineMention | undefined,
  ): { routineId: string; confidence: number } | undefined {
    if (turn.type === 'intent' && turn.intent?.name === 'start-routine') {
      const named = this.phrases.findRoutine(normalize(turn.intent.slots?.routine ?? '').tokens);
      if (named) return { routineId: named.routineId, confidence: 1 };
    }
    const start = this.phrases.matchRoutineStart(tokens, mention);
    return (
      start && { routineId: start.routineId, confidence: start.exact ? 1 : CUED_START_CONFIDENCE }
    );
  }

  private welcome(s: Scratch, expired: boolean): Reply {
    const outcome: Outcome = { kind: 'smalltalk', id: 'welcome', confidence: 1 };
    const saved = s.user.saved;
    if (saved) {
      const routine = this.replies.routine(saved.routine);
      s.conversation.pending = { type: 'resume-saved', routine: saved.routine, step: saved.step };
      return this.replies.build({
        outcome,
        blocks: [
          this.replies.prompt('welcomeBack', {
            routine: routine.title,
            step: saved.step,
            total: routine.steps.length,
          }),
        ],
        suggestions: this.yesNo(),
      });
    }
    const blocks: TextAndSpeech[] = [];
    if (expired) blocks.push(this.replies.prompt('expired'));
    blocks.push(this.replies.prompt('welcome'));
    if (!s.user.disclaimerShown) {
      blocks.push(this.replies.prompt('disclaimer'));
      s.user.disclaimerShown = true;
    }
    s.conversation.welcomed = true;
    return this.replies.build({ outcome, blocks, suggestions: this.content.starters });
  }

  private safetyReply(s: Scratch, hit: SafetyHit): Reply {
    const { block, title } = this.replies.safetyBlock(hit);
    const blocks = [block];
    const progress = s.conversation.routine;
    delete s.conversation.pending;
    const memory = (s.conversation.safety ??= { precautions: [] });
    if (hit.kind === 'emergency') {
      // Ended, not paused: nothing in this conversation or the next welcome offers it back.
      memory.emergency = true;
      delete s.conversation.routine;
      delete s.user.saved;
    } else if (!memory.precautions.includes(hit.id)) {
      memory.precautions.push(hit.id);
    }
    if (progress && hit.kind !== 'emergency') {
      progress.status = 'held';
      blocks.push(
        this.replies.prompt('safetyPaused', { routine: this.replies.routine(progress.id).title }),
      );
    }
    const emergency = hit.kind === 'emergency';
    const suggestions: Suggestion[] = emergency
      ? []
      : [
          this.replies.topicSuggestion('medical-advice'),
          this.replies.topicSuggestion('warning-signs'),
        ];
    return this.replies.build({
      outcome: { kind: hit.kind, id: hit.id, confidence: hit.exact ? 1 : 0.9 },
      blocks,
      suggestions,
      card: {
        title,
        lines: blocks.map((b) => b.text),
        buttons: suggestions,
        style: emergency ? 'emergency' : 'precaution',
      },
      keepOpen: !emergency,
    });
  }

  private answerPending(
    s: Scratch,
    pending: NonNullable<Scratch['conversation']['pending']>,
    yes: boolean,
    command: CommandHit,
  ): Reply | undefined {
    const confidence = command.exact ? 1 : FUZZY_COMMAND_CONFIDENCE;
    switch (pending.type) {
      case 'offer-routine':
      case 'confirm-switch':
        if (yes) return this.beginRoutine(s, pending.routine, confidence);
        if (pending.type === 'confirm-switch' && s.conversation.routine) {
          return this.routines.navigate(s, 'resume', confidence);
        }
        return this.declined(confidence);
      case 'resume-saved': {
        if (yes) {
          s.conversation.routine = { id: pending.routine, step: pending.step, status: 'paused' };
          return this.routines.navigate(s, 'resume', confidence);
        }
        delete s.user.saved;
        return this.declined(confidence);
      }
      case 'continue-routine':
        if (!s.conversation.routine) return undefined;
        if (yes) return this.routines.navigate(s, 'resume', confidence);
        return this.routines.navigate(s, 'pause', confidence);
    }
  }

  private startRoutine(s: Scratch, routineId: string, confidence: number): Reply {
    const current = s.conversation.routine;
    if (current && current.id !== routineId) {
      s.conversation.pending = { type: 'confirm-switch', routine: routineId };
      return this.replies.build({
        outcome: { kind: 'routine', id: routineId, confidence },
        blocks: [
          this.replies.prompt('confirmSwitch', {
            current: this.replies.routine(current.id).title,
            next: this.replies.routine(routineId).title,
          }),
        ],
        suggestions: this.yesNo(),
      });
    }
    return this.beginRoutine(s, routineId, confidence);
  }

  /** Step 1 of a routine, with a reminder of any precaution heard earlier; none after an emergency. */
  private beginRoutine(s: Scratch, routineId: string, confidence: number): Reply {
    if (s.conversation.safety?.emergency) {
      return this.afterEmergency(s, { kind: 'emergency', id: 'emergency', confidence });
    }
    return this.withReminder(
      s,
      this.routines.start(s, routineId, confidence, this.reminderBlocks(s)),
    );
  }

  /** After an emergency: no routine, only the reminder to get help. */
  private afterEmergency(s: Scratch, outcome: Outcome): Reply {
    delete s.conversation.pending;
    return {
      ...this.replies.build({ outcome, blocks: [this.replies.prompt('afterEmergency')] }),
      reminder: ['emergency'],
    };
  }

  /** The reminder of what fired earlier in this conversation, as a lead block (or nothing). */
  private reminderBlocks(s: Scratch): TextAndSpeech[] {
    const ids = s.conversation.safety?.precautions ?? [];
    if (ids.length === 0) return [];
    const mention = ids
      .slice(-2)
      .map((id) => this.replies.safetyMention(id))
      .join(' and ');
    return [this.replies.prompt('safetyReminder', { mention })];
  }

  private withReminder(s: Scratch, reply: Reply): Reply {
    const ids = s.conversation.safety?.precautions ?? [];
    return ids.length > 0 ? { ...reply, reminder: [...ids] } : reply;
  }

  private command(s: Scratch, command: CommandHit, expired: boolean): Reply {
    const confidence = command.exact ? 1 : FUZZY_COMMAND_CONFIDENCE;
    const progress = s.conversation.routine;
    if (command.kind === 'navigation') {
      const verb = command.id as NavigationId;
      if (progress) {
        const reply = this.routines.navigate(s, verb, confidence, command.step);
        return verb === 'resume' && progress.status === 'held'
          ? this.withReminder(s, reply)
          : reply;
      }
      if (s.conversation.safety?.emergency && (verb === 'resume' || verb === 'next')) {
        return this.afterEmergency(s, { kind: 'navigation', id: verb, confidence });
      }
      if (verb === 'resume' && s.user.saved) {
        const saved = s.user.saved;
        s.conversation.routine = { id: saved.routine, step: saved.step, status: 'paused' };
        return this.routines.navigate(s, 'resume', confidence);
      }
      if (verb === 'stop') return this.goodbye(s, confidence);
      const key = verb === 'resume' ? (expired ? 'expired' : 'nothingToResume') : 'noRoutine';
      return this.replies.build({
        outcome: { kind: 'navigation', id: verb, confidence },
        blocks: [this.replies.prompt(key)],
        suggestions: this.routineStarters(),
      });
    }
    if (command.kind === 'confirm') {
      // "yes" after "Ready for step 3?" moves on; "no" keeps the place.
      if (progress && progress.status === 'active') {
        return this.routines.navigate(s, command.id === 'yes' ? 'next' : 'pause', confidence);
      }
      return this.replies.build({
        outcome: { kind: 'smalltalk', id: command.id, confidence },
        blocks: [this.replies.prompt(command.id === 'yes' ? 'help' : 'declined')],
        suggestions: this.content.starters,
      });
    }
    switch (command.id) {
      case 'goodbye':
        return this.goodbye(s, confidence);
      case 'help':
        if (progress) {
          const routine = this.replies.routine(progress.id);
          return this.replies.build({
            outcome: { kind: 'smalltalk', id: 'help', confidence },
            blocks: [
              this.replies.prompt('helpInRoutine', {
                routine: routine.title,
                step: progress.step,
                total: routine.steps.length,
              }),
            ],
            suggestions: [{ label: this.content.labels.continue, value: 'resume' }],
          });
        }
        return this.replies.build({
          outcome: { kind: 'smalltalk', id: 'help', confidence },
          blocks: [this.replies.prompt('help')],
          suggestions: this.content.starters,
        });
      default: {
        const key = command.id as 'greeting' | 'thanks' | 'capabilities';
        return this.replies.build({
          outcome: { kind: 'smalltalk', id: command.id, confidence },
          blocks: [this.replies.prompt(key)],
          suggestions: this.content.starters,
        });
      }
    }
  }

  private answerOrFallback(s: Scratch, tokens: string[], result: MatchResult): Reply {
    const best = result.candidates[0];
    if (result.decision !== 'answer') {
      // "thanks so much, that was helpful", "ok that's all for now, see you later".
      const social = this.phrases.findSocial(tokens);
      if (social) return this.command(s, social, false);
    }
    if (result.decision === 'answer' && best) {
      const answer = this.replies.answer(best.id);
      const blocks: TextAndSpeech[] = [{ text: answer.text, speech: answer.speech }];
      const suggestions: Suggestion[] = [];
      const progress = s.conversation.routine;
      // A technique, after a warning sign earlier in the conversation, never goes ahead silently.
      const technique = answer.routine !== undefined || TECHNIQUE_TOPIC.test(answer.id);
      const reminder = technique ? this.reminderBlocks(s) : [];
      blocks.unshift(...reminder);
      const afterEmergency = technique && s.conversation.safety?.emergency === true;
      if (afterEmergency) blocks.push(this.replies.prompt('afterEmergency'));
      if (progress) {
        const routine = this.replies.routine(progress.id);
        s.conversation.pending = { type: 'continue-routine' };
        blocks.push(
          this.replies.prompt('continueOffer', { routine: routine.title, step: progress.step }),
        );
        suggestions.push({ label: this.content.labels.continue, value: 'resume' });
      } else if (answer.routine && !afterEmergency) {
        const routine = this.replies.routine(answer.routine);
        s.conversation.pending = { type: 'offer-routine', routine: routine.id };
        blocks.push(this.replies.prompt('offerRoutine', { routine: routine.title }));
        suggestions.push({
          label: this.content.labels.guideMe,
          value: this.replies.routineSuggestion(routine.id).value,
        });
      }
      const alternatives = result.candidates.slice(1).map((c) => c.id);
      for (const id of [...alternatives, ...answer.followUps]) {
        if (!suggestions.some((x) => x.label === this.replies.answer(id).title)) {
          suggestions.push(this.replies.topicSuggestion(id));
        }
      }
      const reply = this.replies.build({
        outcome: { kind: 'answer', id: answer.id, confidence: result.confidence },
        blocks,
        suggestions,
        card: {
          title: answer.title,
          lines: [...reminder.map((x) => x.text), answer.text],
          buttons: suggestions.slice(0, 3),
          style: 'info',
        },
      });
      if (afterEmergency) return { ...reply, reminder: ['emergency'] };
      return reminder.length > 0 ? this.withReminder(s, reply) : reply;
    }
    if (result.decision === 'clarify') {
      return this.replies.build({
        outcome: {
          kind: 'fallback',
          id: 'fallback',
          confidence: Math.round((1 - result.confidence) * 100) / 100,
        },
        blocks: [this.replies.prompt('didYouMean')],
        speechParts: [
          {
            say: `${this.replies.prompt('didYouMean').speech} ${result.candidates
              .map((c) => this.replies.answer(c.id).title)
              .join('? ')}?`,
          },
        ],
        suggestions: result.candidates.map((c) => this.replies.topicSuggestion(c.id)),
      });
    }
    return this.replies.build({
      outcome: { kind: 'fallback', id: 'fallback', confidence: result.confidence },
      blocks: [this.replies.prompt('fallback')],
      suggestions: this.content.starters,
    });
  }

  private goodbye(s: Scratch, confidence: number): Reply {
    delete s.conversation.pending;
    return this.replies.build({
      outcome: { kind: 'smalltalk', id: 'goodbye', confidence },
      blocks: [this.replies.prompt('goodbye')],
      keepOpen: false,
    });
  }

  private declined(confidence: number): Reply {
    return this.replies.build({
      outcome: { kind: 'smalltalk', id: 'no', confidence },
      blocks: [this.replies.prompt('declined')],
      suggestions: this.content.starters,
    });
  }

  private yesNo(): Suggestion[] {
    return [
      { label: this.content.labels.yes, value: 'yes' },
      { label: this.content.labels.no, value: 'no' },
    ];
  }

  private routineStarters(): Suggestion[] {
    return this.content.routines.slice(0, 3).map((r) => this.replies.routineSuggestion(r.id));
  }
}

/** What the person said or typed (a voice intent carries it in its query slot). */
function wordsOf(turn: Turn): string {
  return turn.text ?? turn.intent?.slots?.query ?? '';
}
