import type { Routine } from '../content/schema';
import type { NavigationId } from './contract';
import type { Card, Reply, Suggestion } from './reply';
import type { ReplyBuilder } from './replies';
import type { ConversationState, UserState } from './session';
import type { TextAndSpeech } from '../content/schema';
import { plainSpeech } from './templates';

export interface Scratch {
  conversation: ConversationState;
  user: UserState;
  now: number;
}

/**
 * Guided routines: starting, moving between steps, pausing, resuming, finishing. Every step reply
 * says "Step n of N" and ends with exactly one question about the next action.
 */
export class RoutineEngine {
  constructor(private readonly replies: ReplyBuilder) {}

  start(s: Scratch, routineId: string, confidence: number, lead: TextAndSpeech[] = []): Reply {
    const routine = this.replies.routine(routineId);
    const intro = this.replies.prompt('routineStart', {
      routine: routine.title,
      total: routine.steps.length,
      purpose: routine.purpose,
    });
    const note = { text: `*${routine.safetyNote.trim()}*`, speech: routine.safetyNote };
    return this.showStep(s, routine, 1, { kind: 'routine', id: routine.id, confidence }, [
      ...lead,
      intro,
      note,
    ]);
  }

  /** Renders step `n`, saves the position, and asks for the next action. */
  showStep(
    s: Scratch,
    routine: Routine,
    n: number,
    outcome: Reply['outcome'],
    lead: TextAndSpeech[] = [],
  ): Reply {
    const total = routine.steps.length;
    s.conversation.routine = { id: routine.id, step: n, status: 'active' };
    s.user.saved = { routine: routine.id, step: n, savedAt: s.now };
    const { step, header, hold, holdSpeech } = this.replies.stepParts(routine, n);
    const closing =
      n < total
        ? this.replies.prompt('nextPrompt', { next: n + 1, total })
        : this.replies.prompt('lastStepPrompt');
    const labels = this.replies.content.labels;
    const buttons: Suggestion[] = [
      { label: labels.back, value: 'back' },
      { label: labels.repeat, value: 'repeat' },
      { label: labels.next, value: 'next' },
      { label: labels.stop, value: 'stop' },
    ];
    const card: Card = {
      title: routine.title,
      lines: [step.title, step.text.trim()],
      buttons,
      style: 'step',
      progress: {
        step: n,
        total,
        label: this.replies.prompt('stepProgress', { step: n, total }).text,
      },
      ...(hold ? { hold: hold.text } : {}),
      prompt: closing.text,
    };
    const stepBlock = {
      text: `**${plainSpeech(header.text)} ${step.title}**\n\n${step.text.trim()}${hold ? `\n\n${hold.text}` : ''}`,
      speech: `${header.speech} ${step.speech.trim()}`,
    };
    const blocks = [...lead, stepBlock, closing];
    const leadText = lead
      .map((b) => b.text.trim())
      .filter(Boolean)
      .join('\n\n');
    const reply = this.replies.build({
      outcome,
      blocks,
      speechParts: [
        ...lead.map((b) => ({ say: b.speech })),
        { say: stepBlock.speech },
        ...holdSpeech,
        { say: closing.speech },
      ],
      reprompt: step.reprompt,
      suggestions: [buttons[2]!, buttons[1]!, buttons[0]!],
      card,
    });
    return leadText ? { ...reply, lead: leadText } : reply;
  }

  /** A navigation verb while a routine is in progress (active, paused or held by safety). */
  navigate(s: Scratch, verb: NavigationId, confidence: number, stepWanted?: number): Reply {
    const progress = s.conversation.routine!;
    const routine = this.replies.routine(progress.id);
    const total = routine.steps.length;
    const outcome = { kind: 'navigation' as const, id: verb, confidence };
    const p = (key: Parameters<ReplyBuilder['prompt']>[0], vars = {}) =>
      this.replies.prompt(key, vars);
    const vars = { routine: routine.title, step: progress.step, total };

    if (
      progress.status === 'held' &&
      ['next', 'previous', 'repeat', 'start-over', 'go-to-step'].includes(verb)
    ) {
      return this.replies.build({
        outcome,
        blocks: [p('safetyResumeNeeded', vars)],
        suggestions: [
          { label: this.replies.content.labels.resume, value: 'resume' },
          { label: this.replies.content.labels.stop, value: 'stop' },
        ],
      });
    }
    switch (verb) {
      case 'next':
        if (progress.step >= total) return this.finish(s, routine, outcome);
        return this.showStep(s, routine, progress.step + 1, outcome);
      case 'previous':
        if (progress.step <= 1) return this.showStep(s, routine, 1, outcome, [p('atFirstStep')]);
        return this.showStep(s, routine, progress.step - 1, outcome);
      case 'repeat':
        return this.showStep(s, routine, progress.step, outcome);
      case 'start-over':
        return this.showStep(s, routine, 1, outcome);
      case 'go-to-step':
        if (stepWanted === undefined || stepWanted < 1 || stepWanted > total) {
          return this.showStep(s, routine, progress.step, outcome, [p('stepOutOfRange', vars)]);
        }
        return this.showStep(s, routine, stepWanted, outcome);
      case 'steps-left': {
        const closing =
          progress.step < total
            ? p('nextPrompt', { next: progress.step + 1, total })
            : p('lastStepPrompt');
        return this.replies.build({
          outcome,
          blocks: [p('stepsLeft', { ...vars, left: total - progress.step }), closing],
          reprompt: closing.speech,
        });
      }
      case 'pause':
        progress.status = 'paused';
        s.user.saved = { routine: routine.id, step: progress.step, savedAt: s.now };
        return this.replies.build({
          outcome,
          blocks: [p('paused', vars)],
          suggestions: [{ label: this.replies.content.labels.resume, value: 'resume' }],
          keepOpen: false,
        });
      case 'resume': {
        const lead = progress.status === 'held' ? [p('resumeAfterSafety')] : [p('resumed', vars)];
        return this.showStep(s, routine, progress.step, outcome, lead);
      }
      case 'stop':
        delete s.conversation.routine;
        delete s.user.saved;
        return this.replies.build({
          outcome,
          blocks: [p('stopped', vars)],
          suggestions: this.replies.content.starters,
        });
    }
  }

  private finish(s: Scratch, routine: Routine, outcome: Reply['outcome']): Reply {
    delete s.conversation.routine;
    delete s.user.saved;
    const others = this.replies.content.routines.filter((r) => r.id !== routine.id);
    const next =
      others[(this.replies.content.routines.indexOf(routine) + others.length) % others.length];
    const related = this.replies.content.answers.find((a) => a.routine === routine.id);
    const suggestions: Suggestion[] = [];
    if (next) suggestions.push(this.replies.routineSuggestion(next.id));
    if (related) suggestions.push(this.replies.topicSuggestion(related.id));
    suggestions.push(this.replies.topicSuggestion('warning-signs'));
    return this.replies.build({
      outcome,
      blocks: [this.replies.prompt('routineFinished', { routine: routine.title }), routine.wrapUp],
      suggestions,
    });
  }
}
