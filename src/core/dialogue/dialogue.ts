import type { ContentBundle } from '../../content/bundle';
import type { TextAndSpeech } from '../../content/schema';
import { STEP_HELP_ID, type NavigationId } from '../contract';
import { LAST_STEP } from '../understand/understand';
import type { CommandHit } from '../intent-phrases';
import type { MatchResult } from '../matcher';
import type { Outcome, Reply, Suggestion } from '../reply';
import type { ReplyBuilder } from '../replies';
import type { RoutineEngine, Scratch } from '../routine-engine';
import type { SafetyHit } from '../safety';
import type { Pending } from '../session';

const FUZZY_COMMAND_CONFIDENCE = 0.85;
/** A topic this close to an unanswered question is offered as a suggestion with the fallback. */
const NEAREST_TOPIC_SCORE = 0.05;
/** Answers about doing a technique or a self-massage: these carry a safety reminder. */
const TECHNIQUE_TOPIC = /^(techniques?|technique-.+|self-.+)$/;

export interface AnswerContext {
  also?: string | undefined;
  need?: string | undefined;
}

export function commandConfidence(command: CommandHit): number {
  return command.exact ? 1 : FUZZY_COMMAND_CONFIDENCE;
}

/**
 * The replies a conversation is made of, and the state each one leaves behind: welcome, safety,
 * routine start and control, answers, small talk, fallback. Routes decide which; this composes it.
 */
export class Dialogue {
  constructor(
    readonly content: ContentBundle,
    readonly replies: ReplyBuilder,
    readonly routines: RoutineEngine,
    /** Starter suggestions that need no state (questions, not routine starts); asked when needed. */
    private readonly statelessStarters: () => Suggestion[],
  ) {}

  welcome(s: Scratch, expired: boolean): Reply {
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

  /**
   * `asked`: a routine the message named. After a precaution it stays the one "walk me through it"
   * means later ("I had surgery, could I try trigger point release?" … "it has healed, walk me
   * through it"), and it starts with the reminder.
   */
  safety(s: Scratch, hit: SafetyHit, asked?: string): Reply {
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
    } else {
      if (!memory.precautions.includes(hit.id)) memory.precautions.push(hit.id);
      if (asked) s.conversation.lastRoutine = asked;
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

  /** The answer to a question we asked on the previous turn; undefined when it no longer applies. */
  answerPending(s: Scratch, pending: Pending, yes: boolean, confidence: number): Reply | undefined {
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
      case 'offer-topic':
        if (yes) return this.answerTopic(s, pending.topic, confidence);
        return this.declined(confidence);
      case 'continue-routine':
        if (!s.conversation.routine) return undefined;
        if (yes) return this.routines.navigate(s, 'resume', confidence);
        return this.routines.navigate(s, 'pause', confidence);
    }
  }

  /** A request to start a routine: confirms first when another one is in progress. */
  /** `switching`: said as a change of mind, so a routine in progress is left without asking. */
  startRoutine(s: Scratch, routineId: string, confidence: number, switching = false): Reply {
    const current = s.conversation.routine;
    if (current && current.id !== routineId && !switching) {
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
  beginRoutine(
    s: Scratch,
    routineId: string,
    confidence: number,
    lead: TextAndSpeech[] = [],
  ): Reply {
    if (s.conversation.safety?.emergency) {
      return this.afterEmergency(s, { kind: 'emergency', id: 'emergency', confidence });
    }
    return this.withReminder(
      s,
      this.routines.start(s, routineId, confidence, [...lead, ...this.reminderBlocks(s)]),
    );
  }

  /** After an emergency: no routine, only the reminder to get help. */
  afterEmergency(s: Scratch, outcome: Outcome): Reply {
    delete s.conversation.pending;
    return {
      ...this.replies.build({ outcome, blocks: [this.replies.prompt('afterEmergency')] }),
      reminder: ['emergency'],
    };
  }

  /** The reminder of what fired earlier in this conversation, as a lead block (or nothing). */
  reminderBlocks(s: Scratch): TextAndSpeech[] {
    const ids = s.conversation.safety?.precautions ?? [];
    if (ids.length === 0) return [];
    const mention = ids
      .slice(-2)
      .map((id) => this.replies.safetyMention(id))
      .join(' and ');
    return [this.replies.prompt('safetyReminder', { mention })];
  }

  withReminder(s: Scratch, reply: Reply): Reply {
    const ids = s.conversation.safety?.precautions ?? [];
    return ids.length > 0 ? { ...reply, reminder: [...ids] } : reply;
  }

  /** A navigation verb, in a routine or outside one. */
  navigate(
    s: Scratch,
    verb: NavigationId,
    confidence: number,
    expired: boolean,
    step?: number,
  ): Reply {
    const progress = s.conversation.routine;
    if (progress) {
      const total = this.replies.routine(progress.id).steps.length;
      const reply = this.routines.navigate(s, verb, confidence, step === LAST_STEP ? total : step);
      return verb === 'resume' && progress.status === 'held' ? this.withReminder(s, reply) : reply;
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

  /** A yes or no that answers no question of ours: "yes" after "Ready for step 3?" moves on. */
  confirm(s: Scratch, yes: boolean, confidence: number): Reply {
    const progress = s.conversation.routine;
    if (progress && progress.status === 'active') {
      return this.routines.navigate(s, yes ? 'next' : 'pause', confidence);
    }
    // "ok walk me through it" after an answer about a technique: that technique's routine.
    const routine = yes && !progress ? s.conversation.lastRoutine : undefined;
    if (routine) return this.beginRoutine(s, routine, confidence);
    return this.replies.build({
      outcome: { kind: 'smalltalk', id: yes ? 'yes' : 'no', confidence },
      blocks: [this.replies.prompt(yes ? 'help' : 'declined')],
      suggestions: this.content.starters,
    });
  }

  smalltalk(s: Scratch, id: string, confidence: number): Reply {
    // Leaving in the middle of a routine ("gotta run") pauses it: the place is kept and offered back.
    if (id === 'goodbye' && s.conversation.routine?.status === 'active') {
      return this.routines.navigate(s, 'pause', confidence);
    }
    if (id === 'goodbye') return this.goodbye(s, confidence);
    const progress = s.conversation.routine;
    if (id === 'help' && progress) {
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
    const key = id as 'greeting' | 'thanks' | 'capabilities' | 'help';
    return this.replies.build({
      outcome: { kind: 'smalltalk', id, confidence },
      blocks: [this.replies.prompt(key)],
      suggestions: this.content.starters,
    });
  }

  /**
   * `also`: the topic of a second question in the message, offered next; `need`: the routine that
   * suits what the message said ("at my desk"), offered by an answer that chooses by need.
   */
  answer(s: Scratch, result: MatchResult, { also, need }: AnswerContext = {}): Reply {
    const best = result.candidates[0]!;
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
    } else if (also) {
      s.conversation.pending = { type: 'offer-topic', topic: also };
      blocks.push(this.replies.prompt('alsoAsked', { topic: this.replies.answer(also).title }));
      suggestions.push(this.replies.topicSuggestion(also));
    } else if (answer.routine && !afterEmergency) {
      const routine = this.replies.routine((answer.routineByNeed && need) || answer.routine);
      s.conversation.pending = { type: 'offer-routine', routine: routine.id };
      blocks.push(this.replies.prompt('offerRoutine', { routine: routine.title }));
      suggestions.push({
        label: this.content.labels.guideMe,
        value: this.replies.routineSuggestion(routine.id).value,
      });
    }
    s.conversation.lastTopic = answer.id;
    if (answer.routine)
      s.conversation.lastRoutine = (answer.routineByNeed && need) || answer.routine;
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

  /** An answer about the step in progress, then the offer to carry on at that step. */
  stepHelp(s: Scratch, help: TextAndSpeech, confidence: number): Reply {
    const progress = s.conversation.routine!;
    const routine = this.replies.routine(progress.id);
    s.conversation.pending = { type: 'continue-routine' };
    return this.replies.build({
      outcome: { kind: 'answer', id: STEP_HELP_ID, confidence },
      blocks: [
        help,
        this.replies.prompt('continueOffer', { routine: routine.title, step: progress.step }),
      ],
      suggestions: [{ label: this.content.labels.continue, value: 'resume' }],
    });
  }

  /**
   * The topic that says how to do what `id` is about: `id` when it teaches a routine, else its first
   * follow-up that does, else its first follow-up that gives an overview of them (a topic of an
   * article section that teaches routines, all of whose follow-ups teach one: "is it safe?" leads
   * to the safe techniques), else `id`.
   */
  howToOf(id: string): string {
    if (this.teaches(id)) return id;
    const { followUps } = this.replies.answer(id);
    return (
      followUps.find((f) => this.teaches(f)) ?? followUps.find((f) => this.isOverview(f)) ?? id
    );
  }

  /** The answer that picks a routine by the need stated (`routineByNeed`), if the bank has one. */
  pickRoutineTopic(): string | undefined {
    return this.content.answers.find((a) => a.routineByNeed)?.id;
  }

  /** The topic tells what to do: it offers a routine, or it is an overview of those that do. */
  tellsWhatToDo(topic: string): boolean {
    return this.teaches(topic) || this.isOverview(topic);
  }

  private teaches(topic: string): boolean {
    return this.replies.answer(topic).routine !== undefined;
  }

  /** A topic of an article section that teaches routines, all of whose follow-ups teach one. */
  private isOverview(topic: string): boolean {
    const answer = this.replies.answer(topic);
    return (
      this.content.answers.some((a) => a.routine !== undefined && a.section === answer.section) &&
      answer.followUps.length > 0 &&
      answer.followUps.every((f) => this.teaches(f))
    );
  }

  /** The answer that teaches a routine (its `topic`). */
  topicOfRoutine(routineId: string): string {
    const routine = this.content.routines.find((r) => r.id === routineId);
    if (!routine) throw new Error(`unknown routine ${routineId}`);
    return routine.topic;
  }

  /** The answer of one topic, read from the conversation rather than the matcher's decision. */
  answerTopic(s: Scratch, id: string, confidence: number, context: AnswerContext = {}): Reply {
    return this.answer(
      s,
      {
        decision: 'answer',
        candidates: [{ id, score: confidence }],
        confidence,
        best: confidence,
        lead: confidence,
        namesOutOfScope: false,
      },
      context,
    );
  }

  clarify(result: MatchResult): Reply {
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

  /**
   * Nothing understood. In a routine: where we are, and the routine's own buttons; outside one: the
   * nearest topics when there are some, else the starters. Never a button for what is happening.
   */
  fallback(s: Scratch, result: MatchResult): Reply {
    const progress = s.conversation.routine;
    if (progress) {
      const routine = this.replies.routine(progress.id);
      const labels = this.content.labels;
      return this.replies.build({
        outcome: { kind: 'fallback', id: 'fallback', confidence: result.confidence },
        blocks: [
          this.replies.prompt('fallbackInRoutine', { routine: routine.title, step: progress.step }),
        ],
        suggestions:
          progress.status === 'active'
            ? [
                { label: labels.next, value: 'next' },
                { label: labels.repeat, value: 'repeat' },
                { label: labels.stop, value: 'stop' },
              ]
            : [
                { label: labels.resume, value: 'resume' },
                { label: labels.stop, value: 'stop' },
              ],
      });
    }
    const nearest = result.namesOutOfScope
      ? []
      : result.candidates.filter((c) => c.score >= NEAREST_TOPIC_SCORE).slice(0, 3);
    if (nearest.length > 0) {
      const titles = nearest.map((c) => this.replies.answer(c.id).title);
      return this.replies.build({
        outcome: { kind: 'fallback', id: 'fallback', confidence: result.confidence },
        blocks: [this.replies.prompt('fallbackNearest', { topics: titles.join(', or ') })],
        suggestions: nearest.map((c) => this.replies.topicSuggestion(c.id)),
      });
    }
    return this.replies.build({
      outcome: { kind: 'fallback', id: 'fallback', confidence: result.confidence },
      blocks: [this.replies.prompt('fallback')],
      suggestions: this.content.starters,
    });
  }

  goodbye(s: Scratch, confidence: number): Reply {
    delete s.conversation.pending;
    return this.replies.build({
      outcome: { kind: 'smalltalk', id: 'goodbye', confidence },
      blocks: [this.replies.prompt('goodbye')],
      keepOpen: false,
    });
  }

  declined(confidence: number): Reply {
    return this.replies.build({
      outcome: { kind: 'smalltalk', id: 'no', confidence },
      blocks: [this.replies.prompt('declined')],
      suggestions: this.content.starters,
    });
  }

  yesNo(): Suggestion[] {
    return [
      { label: this.content.labels.yes, value: 'yes' },
      { label: this.content.labels.no, value: 'no' },
    ];
  }

  routineStarters(): Suggestion[] {
    return this.content.routines.slice(0, 3).map((r) => this.replies.routineSuggestion(r.id));
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
      suggestions: this.statelessStarters(),
    });
  }
}
