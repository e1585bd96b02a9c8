import { ALL_SMALLTALK_IDS, NAVIGATION_IDS } from '../contract';
import type { CommandHit, IntentPhrases, RoutineMention } from '../intent-phrases';
import type { AnswerMatcher, MatchResult } from '../matcher';
import type { RoutineNeed } from '../../content/schema';
import type { Language } from '../language';
import type { SafetyLayers } from '../safety-layers';
import { PhraseSet } from '../phrase-set';
import { sentencesOf } from '../sentences';
import type { ConversationState } from '../session';
import type { Turn } from '../turn';
import { NUMBER_SLOT, type CommandClassifier } from './command-classifier';
import type { Interpretation, RoutineStart } from './interpretation';
import type { StepHelpHit, StepHelpIndex } from './step-help';
import type { StepTitles } from './step-titles';
import { isOtherLanguage } from './language';
import type { WordMatcher } from '../word-match';

const CUED_START_CONFIDENCE = 0.9;
/** In a conversation, the least score of the best topic, and its lead over the second, for a short
 * question to be read as that topic's (see routes/in-context.ts). */
const IN_CONTEXT_SCORE = 0.1;
const IN_CONTEXT_LEAD = 2;
/** The step a "go to the last step" asks for, whatever the routine's length. */
export const LAST_STEP = -1;
/** A command said in other words is short: longer messages are questions or stories. */
const MAX_COMMAND_WORDS = 16;
/**
 * A clause that is no command but no question either ("someone is at the door") may come along;
 * a longer one only beside a step command said in its own words.
 */
const MAX_UNREAD_CLAUSE_WORDS = 6;
const COMMAND_SCORE = 0.6;
const COMMAND_SCORE_IN_ROUTINE = 0.5;
const COMMAND_MARGIN = 0.05;
const SOCIAL_IDS = new Set(['thanks', 'greeting', 'goodbye']);
/**
 * A yes said in at least this many words is a request that may stand beside a longer remark ("it
 * has healed and my surgeon cleared me. Please just walk me through it."); a bare "ok" there is a
 * discourse marker ("ok. so how often should I massage my neck").
 */
const REQUEST_WORDS = 3;
/** Navigation that moves within a routine's steps (pause, resume and stop also act on a saved one). */
const STEP_MOVES = new Set([
  'next',
  'previous',
  'repeat',
  'start-over',
  'go-to-step',
  'steps-left',
]);
/** Words from which a message counts as long: a story, then the question. */
const LONG_MESSAGE_WORDS = 15;

/** Turns a `Turn` and the dialogue context into one `Interpretation`. */
export class Understanding {
  constructor(
    private readonly safety: SafetyLayers,
    private readonly phrases: IntentPhrases,
    private readonly matcher: AnswerMatcher,
    private readonly commands: CommandClassifier,
    /** Made on first use: only a question during a routine needs it. */
    private readonly helpIndex: () => StepHelpIndex,
    private readonly stepTitles: StepTitles,
    private readonly words: WordMatcher,
    private readonly language: Language,
    needs: readonly RoutineNeed[],
    topicTitles: ReadonlyMap<string, string> = new Map(),
  ) {
    this.needs = needs.map((need) => ({
      routine: need.routine,
      phrases: need.words.map((w) => language.normalize(w).tokens).filter((t) => t.length > 0),
    }));
    const { dialogue, commands: commandWords } = language.data;
    this.questionWords = {
      questionWords: dialogue.questionWords,
      leadIns: new Set([
        ...dialogue.joiners,
        ...commandWords.leadingExtras,
        ...commandWords.openers,
      ]),
    };
    const phraseSet = (list: readonly string[]) =>
      new PhraseSet(list.map((p) => language.normalize(p).tokens));
    this.clearedPhrases = phraseSet(language.data.safety.cleared);
    this.deferrals = phraseSet(language.data.dialogue.deferrals);
    this.somethingToDo = phraseSet(language.data.dialogue.somethingToDo);
    this.ownWords = new Set([
      ...commandWords.openers,
      ...commandWords.socialWords,
      ...commandWords.leadingExtras,
      ...commandWords.trailingExtras,
    ]);
    this.needs.forEach(({ phrases }, need) => {
      for (const phrase of phrases) {
        const list = this.needsByWord.get(phrase[0]!) ?? [];
        list.push({ need, phrase });
        this.needsByWord.set(phrase[0]!, list);
      }
    });
    for (const [id, title] of topicTitles)
      this.topicTerms.set(id, language.normalize(title).tokens);
  }

  private help: StepHelpIndex | undefined;

  /** The words of each answer topic's and routine's title, for reading a follow-up against it. */
  private readonly topicTerms = new Map<string, string[]>();

  private readonly needs: ReadonlyArray<{ routine: string; phrases: string[][] }>;
  private readonly questionWords: QuestionWords;
  /** `safety.cleared`, normalized: "cleared me", "all clear". */
  private readonly clearedPhrases: PhraseSet;
  /** `dialogue.deferrals`, normalized: "later", "save my spot". */
  private readonly deferrals: PhraseSet;
  /** `dialogue.somethingToDo`, normalized: "got anything", "which one". */
  private readonly somethingToDo: PhraseSet;
  /** The words our language data lists for commands: openers, social words, lead-ins, tails. */
  private readonly ownWords: ReadonlySet<string>;
  /** Each need phrase by its first word (a long message tried every phrase at every word). */
  private readonly needsByWord = new Map<string, Array<{ need: number; phrase: string[] }>>();

  of(turn: Turn, context: ConversationState): Interpretation {
    const text = wordsOf(turn);
    const tokens = this.language.normalize(text).tokens.map((t) => this.unstretched(t));
    const inRoutine = context.routine?.status === 'active';
    const mention = this.phrases.findRoutine(tokens);
    let stepHelp: { hit: StepHelpHit | undefined } | undefined;
    const readStepHelp = () =>
      (stepHelp ??= {
        hit: context.routine
          ? (this.help ??= this.helpIndex()).find(tokens, context.routine.id, context.routine.step)
          : undefined,
      }).hit;
    let match: MatchResult | undefined;
    let parts: QuestionPart[] | undefined;
    const partsOf = () => (parts ??= questionParts(text, this.language.data.dialogue));
    // A message's last sentence is often one of its question parts too: each is read once.
    const matchedText = new Map<string, MatchResult>();
    const matchText = (part: string) => {
      let m = matchedText.get(part);
      if (!m) {
        m = this.matcher.match(this.language.normalize(part).tokens, mention !== undefined);
        matchedText.set(part, m);
      }
      return m;
    };
    // The first part the bank answers, read part by part until one does.
    const answeredPart = () => {
      for (const part of partsOf()) {
        const m = matchText(part.text);
        if (m.decision === 'answer' && !m.namesOutOfScope) return m;
      }
      return undefined;
    };
    // The whole message's reading, read once: an opening "ok" or "so" is not read by the bank
    // ("alright then" is no "is it alright" question).
    let whole: MatchResult | undefined;
    const wholeMatch = () =>
      (whole ??= this.matcher.match(this.withoutOpening(tokens), mention !== undefined));
    const readMatch = () =>
      (match ??= this.matchQuestion(
        text,
        tokens,
        mention !== undefined,
        answeredPart,
        matchText,
        partsOf,
        wholeMatch,
      ));
    let inContext: { m: MatchResult | undefined } | undefined;
    const readInContext = () => (inContext ??= { m: this.matchInContext(text, tokens, context) }).m;
    let command = this.commandOf(turn, tokens);
    let routineStart = this.routineStartOf(turn, tokens, mention);
    // Naming the routine in progress with a loose cue is no request to start it again ("end the
    // kneading now", "ok the kneading, next"): what the other words ask is read instead.
    const inProgress = context.routine?.status === 'active' ? context.routine.id : undefined;
    if (routineStart && routineStart.confidence < 1 && routineStart.routineId === inProgress)
      routineStart = undefined;
    // A command in other words gives way to a request to start a routine by name, and to a
    // question the answer bank knows ("how many cervical vertebrae are there" is no "how many steps
    // are left").
    if (!command && !routineStart && turn.type !== 'launch' && turn.type !== 'end') {
      // "stop the stretches" during the stretches: the name says what the verb acts on, not what
      // to answer, so a command read from the other words stands unless the message asks.
      const namesCurrent =
        mention !== undefined &&
        mention.routineId === context.routine?.id &&
        !asksQuestion(text, tokens, this.questionWords);
      // A message of one clause can hold a command only in other words (commandOf read it whole),
      // and such a command gives way when the bank reads the message: ask the bank first, and
      // spare the nearest-command search when it answers (most questions).
      if (!namesCurrent && this.isOneClause(text, tokens) && this.bankReads(readMatch(), context)) {
        command = undefined;
      } else {
        // In a routine, moving through it is what most short messages ask: a step command read
        // with less certainty still counts there, unless the step's own help reads the message.
        const reading = this.commandByMeaning(
          text,
          tokens,
          context.routine !== undefined,
          () => inRoutine && readStepHelp() === undefined,
        );
        command = reading?.hit;
        const ofCurrent = reading?.nearest && namesCurrent;
        // A command read beside words that say nothing to us ("it's ok, I feel fine now") gives way
        // to the bank only when some clause asks ("the ball one sounds easiest, how does it work").
        const unreadAsks = reading?.unread && reading.questioned;
        // With no routine to move, a step command beside other words is no command at all ("this
        // chat gives me a headache, I need a break. Scalp massage please.").
        const noStepToMove =
          reading?.unread && reading.hit.kind === 'navigation' && context.routine === undefined;
        // Outside a routine, a question read only loosely as a command also gives way when the
        // bank answers it in the conversation's context ("and if I'm not sure?" after the warning
        // signs). In a routine the routine's own words answer every question, so that says nothing;
        // after a question of ours, a loose yes or no is what was asked for (a loose step command,
        // "how long though" read as steps left, is not); a follow-up is a reading in context already.
        const contextReads = () =>
          reading?.nearest === true &&
          reading.questioned &&
          !inRoutine &&
          reading.hit.kind !== 'follow-up' &&
          (context.pending === undefined || reading.hit.kind !== 'confirm') &&
          readInContext()?.decision === 'answer';
        if (
          reading &&
          !ofCurrent &&
          (reading.nearest || unreadAsks || noStepToMove) &&
          (this.bankReads(readMatch(), context) || contextReads())
        )
          command = undefined;
        // With no routine at all, a step move read only loosely moves nothing ("what's left?").
        if (
          reading?.nearest &&
          reading.hit.kind === 'navigation' &&
          STEP_MOVES.has(reading.hit.id) &&
          context.routine === undefined
        )
          command = undefined;
      }
    }
    if (command?.id === 'go-to-step' && command.step === undefined) {
      const last = tokens.some((t) => this.language.data.commands.lastStep.includes(t));
      if (last) command = { ...command, step: LAST_STEP };
    }
    if (!routineStart && turn.type !== 'launch' && turn.type !== 'end')
      command = this.deferred(command, tokens, context) ?? command;
    // "skip to the circles": a step named by its title.
    const movable = !command || ['go-to-step', 'next', 'previous'].includes(command.id);
    if (context.routine?.status === 'active' && movable && !routineStart) {
      const { id, step } = context.routine;
      const named = this.stepTitles.stepNamed(id, tokens, step);
      if (named !== undefined)
        command = { kind: 'navigation', id: 'go-to-step', step: named, exact: false };
    }
    let safety =
      turn.type === 'launch' || turn.type === 'end'
        ? undefined
        : this.safety.assess(tokens, inRoutine);
    if (safety?.hit && this.saysCleared(tokens, safety.hit.id, context))
      safety = { hit: undefined, check: undefined };
    let social: { hit: CommandHit | undefined } | undefined;
    return {
      turn,
      text,
      tokens,
      safety: safety?.hit,
      safetyCheck: safety?.check,
      command,
      otherLanguage: () => isOtherLanguage(text, tokens, this.words),
      routineNeed: () => this.routineNeedOf(tokens),
      asksForSomethingToDo: () => mention === undefined && this.somethingToDo.occursIn(tokens),
      mention,
      routineStart,
      match: readMatch,
      matchInContext: readInContext,
      alsoAsked: () => {
        const first = readMatch();
        if (first.decision !== 'answer') return undefined;
        // Another question the message asks: a statement around the question is no second one,
        // and a message that asks once ("My wife gets headaches. Would a massage help her?") asks
        // its one question with the whole message, however its question part reads alone.
        const asking = partsOf().filter((part) => part.asks);
        if (asking.length < 2) return undefined;
        const id = first.candidates[0]?.id;
        // Each question alone, then the whole message: when the first question was answered, the
        // whole leans to the other ("…and how often should I do it?" says little alone).
        for (const m of [...asking.map((part) => matchText(part.text)), wholeMatch()]) {
          if (m.decision === 'answer' && !m.namesOutOfScope && m.candidates[0]?.id !== id)
            return m.candidates[0]?.id;
        }
        return undefined;
      },
      stepHelp: readStepHelp,
      social: () => (social ??= { hit: this.phrases.findSocial(tokens) }).hit,
    };
  }

  /**
   * A message that puts things off ("can we carry on later", "maybe another time"): a no to the
   * question we asked, else a pause of the routine in progress. Only in place of no command, a yes,
   * or a move on; never for a message that opens with a question ("is it ok to do it later?").
   */
  private deferred(
    command: CommandHit | undefined,
    tokens: readonly string[],
    context: ConversationState,
  ): CommandHit | undefined {
    const overridable =
      !command ||
      command.kind === 'confirm' ||
      (command.kind === 'navigation' && ['next', 'resume'].includes(command.id));
    if (!overridable || tokens.length === 0) return undefined;
    const { questionWords, requestOpeners } = this.language.data.dialogue;
    const first = tokens[0]!;
    if (questionWords.includes(first) && !requestOpeners.includes(first)) return undefined;
    if (!this.deferrals.occursIn(tokens)) return undefined;
    const asked = context.pending !== undefined && context.pending.type !== 'continue-routine';
    if (asked) return { kind: 'confirm', id: 'no', exact: false };
    if (context.routine?.status === 'active')
      return { kind: 'navigation', id: 'pause', exact: false };
    return undefined;
  }

  /**
   * The message says a condition already flagged in this conversation is over ("it has healed and
   * my surgeon cleared me"): a condition family, a clearance phrase, and nothing still wrong.
   */
  private saysCleared(tokens: readonly string[], id: string, context: ConversationState): boolean {
    const { clearableFamilies, stillWords } = this.language.data.safety;
    if (!clearableFamilies.includes(id) || !context.safety?.precautions.includes(id)) return false;
    if (tokens.some((t) => stillWords.includes(t))) return false;
    return this.clearedPhrases.occursIn(tokens);
  }

  /** The routine whose need words the message says first in content order ("at my desk"). */
  private routineNeedOf(tokens: readonly string[]): string | undefined {
    let first = this.needs.length;
    for (let i = 0; i < tokens.length; i++) {
      for (const { need, phrase } of this.needsByWord.get(tokens[i]!) ?? []) {
        if (need < first && startsAt(tokens, phrase, i)) first = need;
      }
    }
    return this.needs[first]?.routine;
  }

  /**
   * A word typed with a letter held down ("hiii", "heyyy", "scabb"), as the word meant: a doubled
   * letter that no word list, the bank nor our language data knows is typed once, one run at a
   * time, then all of them, until one of those knows the word.
   */
  private unstretched(token: string): string {
    // normalize has already cut every run of a letter to two ("hiii" is "hii" here).
    if (!/(.)\1/.test(token) || this.isWord(token)) return token;
    // A doubled vowel inside a word is more often a misspelled one ("meen" is mean, not men).
    const runs = [...token.matchAll(/(.)\1+/g)].filter(
      (run) => run.index + run[0].length === token.length || !/[aeiou]/.test(run[1]!),
    );
    for (const run of runs) {
      const at = run.index;
      const one = token.slice(0, at + 1) + token.slice(at + run[0].length);
      if (this.isWord(one)) return one;
    }
    if (runs.length < 2) return token;
    let all = token;
    for (const run of runs.reverse())
      all = all.slice(0, run.index + 1) + all.slice(run.index + run[0].length);
    return this.isWord(all) ? all : token;
  }

  /** A word of a word list, of the bank, or of our own language data ("hey" is in none of the first). */
  private isWord(token: string): boolean {
    return this.words.isCommon(token) || this.words.isKnown(token) || this.ownWords.has(token);
  }

  /**
   * Whether the answer bank reads the message well enough for a command in other words to give way:
   * it answers, or, in a conversation already about a topic or a routine, one topic clearly leads.
   */
  private bankReads(m: MatchResult, context: ConversationState): boolean {
    if (m.decision === 'answer') return true;
    // In a routine, short messages are mostly about the routine: only a clear answer wins there.
    if (!context.lastTopic || context.routine?.status === 'active') return false;
    return clearlyLeads(m);
  }

  /**
   * A follow-up question that names no topic of its own ("what should I avoid?", "should I feel a
   * pull into my shoulder?") read against the conversation: the words of the last answered topic's
   * title (or, in a routine, the routine's) are added to the question and the bank reads the two
   * together. Only questions are read this way: a remark or a thanks is not given a topic by its
   * context.
   */
  private matchInContext(
    text: string,
    tokens: string[],
    context: ConversationState,
  ): MatchResult | undefined {
    const topic = context.routine?.status === 'active' ? context.routine.id : context.lastTopic;
    if (topic === undefined || tokens.length === 0) return undefined;
    const terms = this.topicTerms.get(topic);
    if (!terms) return undefined;
    // A question: marked, or opening with a question word, perhaps after a lead-in ("and how…").
    if (!asksQuestion(text, tokens, this.questionWords)) return undefined;
    const read = this.readAgainst(tokens, terms, topic);
    if (read.decision === 'answer' || clearlyLeads(read)) return read;
    // Else "it" is what the coach talks about ("what else is it good for?" after circulation).
    // Read so, the question is a question about neck massage in general, which the topic just
    // answered may answer again ("is 20 minutes too long?" after "how long and how often").
    const subject = this.matcher.match([...tokens, ...this.language.data.dialogue.subject], false);
    return subject.decision === 'answer' || clearlyLeads(subject) ? subject : read;
  }

  /**
   * The question read with the context's words added. A follow-up asks something new: the topic
   * just answered is its context, never its answer (saying the same answer again answers nothing;
   * "tell me more" is the follow-up route's). Another topic answers only if it clearly leads the rest.
   */
  private readAgainst(tokens: string[], terms: readonly string[], topic: string): MatchResult {
    const m = this.matcher.match([...tokens, ...terms], false);
    const rest = m.candidates.filter((c) => c.id !== topic);
    if (rest.length === m.candidates.length && m.decision === 'answer') return m;
    return { ...m, decision: 'none', candidates: rest };
  }

  /** The words after the discourse markers a message opens with ("ok", "so"), at least one. */
  private withoutOpening(tokens: string[]): string[] {
    const { discourseMarkers } = this.language.data.dialogue;
    let opening = 0;
    while (opening < tokens.length - 1 && discourseMarkers.includes(tokens[opening]!)) opening++;
    return opening ? tokens.slice(opening) : tokens;
  }

  /** The message opens with `part`, which ends at a question mark or before a joiner ("and how…"). */
  private opensWithOwnQuestion(text: string, part: string): boolean {
    const trimmed = text.trimStart();
    if (!trimmed.startsWith(part)) return false;
    const rest = trimmed.slice(part.length).trimStart();
    if (rest.startsWith('?')) return true;
    const next = /^[A-Za-z']+/.exec(rest)?.[0]?.toLowerCase();
    return next !== undefined && this.language.data.dialogue.joiners.includes(next);
  }

  /**
   * The matcher's reading of a question. A long message that matched nothing in scope is read
   * again from its last sentence, where people put the question after the story ("I took an
   * anatomy class years ago… Can you remind me which nerves are in the neck?"), unless the message
   * names something out of scope anywhere.
   */
  private matchQuestion(
    text: string,
    tokens: string[],
    namesRoutine: boolean,
    answeredPart: () => MatchResult | undefined,
    matchText: (part: string) => MatchResult,
    parts: () => QuestionPart[],
    wholeMatch: () => MatchResult,
  ): MatchResult {
    const whole = wholeMatch();
    if (whole.namesOutOfScope) return whole;
    if (whole.decision === 'answer') {
      // Two questions: the first is answered (and the other offered), whichever the whole leans to.
      // Only a question that opens the message and ends at a question mark or a joiner stands on
      // its own: "is that a real technique, and am I doing it right" leans on the story before it,
      // and "when I massage my mum's neck, are there spots to avoid" is one question.
      const asking = parts().filter((part) => part.asks);
      if (asking.length < 2 || !this.opensWithOwnQuestion(text, asking[0]!.text)) return whole;
      const first = matchText(asking[0]!.text);
      return first.decision === 'answer' && !first.namesOutOfScope ? first : whole;
    }
    // Two questions in one message ("is it safe and how long should I do it?"): the first question
    // the bank answers, when the whole reads as neither.
    const answered = answeredPart();
    if (answered) return answered;
    if (tokens.length < LONG_MESSAGE_WORDS) return whole;
    const sentences = sentencesOf(text);
    if (sentences.length < 2) return whole;
    const question = matchText(sentences.at(-1)!);
    return question.decision === 'answer' && !question.namesOutOfScope ? question : whole;
  }

  private commandOf(turn: Turn, tokens: string[]): CommandHit | undefined {
    const name = turn.intent?.name;
    if (turn.type === 'intent' && name) {
      if ((NAVIGATION_IDS as readonly string[]).includes(name)) {
        const step =
          this.language.numberFromWord(
            this.language.normalize(turn.intent?.slots?.step ?? '').tokens[0] ?? '',
          ) ?? NaN;
        return {
          kind: 'navigation',
          id: name,
          exact: true,
          ...(Number.isFinite(step) ? { step } : {}),
        };
      }
      if (ALL_SMALLTALK_IDS.includes(name)) {
        return { kind: 'smalltalk', id: name, exact: true };
      }
      if (name === 'yes' || name === 'no') return { kind: 'confirm', id: name, exact: true };
    }
    if (turn.type === 'launch' || turn.type === 'end') return undefined;
    return this.phrases.matchCommand(tokens);
  }

  /** The message is one clause, read as the same words as the whole. */
  private isOneClause(text: string, tokens: readonly string[]): boolean {
    const clauses = clausesOf(text);
    return clauses.length === 1 && sameWords(this.language.normalize(clauses[0]!).tokens, tokens);
  }

  /**
   * A command said in other words, or in pieces: "that's enough, stop", "Thank you. The next step,
   * please.", "gotta run, save my spot". Each clause is read on its own; the last clause that asks
   * for something wins over thanks and greetings ("thanks, and next"), and a clause that asks a
   * question of its own leaves the message to the answer bank ("thanks, and can I do it daily?").
   */
  private commandByMeaning(
    text: string,
    tokens: string[],
    hasRoutine: boolean,
    looseSteps: () => boolean,
  ): { hit: CommandHit; nearest: boolean; unread: boolean; questioned: boolean } | undefined {
    if (tokens.length === 0 || tokens.length > MAX_COMMAND_WORDS) return undefined;
    const { questionWords } = this.language.data.dialogue;
    const hits: CommandHit[] = [];
    /** The hits read by the nearest sample rather than said as a command. */
    const loose = new Set<CommandHit>();
    let unread = false;
    let longUnread = false;
    // A step command, or a yes said as a request ("walk me through it"), not a bare "ok".
    let standsBesideRemark = false;
    // A question mark, or a clause (read as a command or not) that opens with a question word.
    let questioned = text.includes('?');
    for (const clause of clausesOf(text)) {
      const words = this.language.normalize(clause).tokens;
      if (words.length === 0) continue;
      if (questionWords.includes(words[0]!)) questioned = true;
      // A clause that is the whole message was read already (commandOf found no command in it).
      let hit = sameWords(words, tokens) ? undefined : this.phrases.matchCommand(words);
      if (!hit && words.length >= 2) {
        hit = this.nearestCommand(words, looseSteps);
        if (hit) loose.add(hit);
      }
      if (hit) {
        hits.push(hit);
        if (hit.kind === 'navigation' || (hit.kind === 'confirm' && words.length >= REQUEST_WORDS))
          standsBesideRemark = true;
      } else if (questionWords.includes(words[0]!) || clause.trim().endsWith('?')) return undefined;
      else {
        if (words.length > MAX_UNREAD_CLAUSE_WORDS) longUnread = true;
        unread = true;
      }
    }
    // Beside a longer remark, only a step command or a yes request said in its own words stands
    // ("it's totally healed and I feel fine, continue please"); anything else leaves the message to
    // the bank.
    if (longUnread && (loose.size > 0 || !standsBesideRemark)) return undefined;
    // Beside words we could not read, a request for help or information is no command: "the ball
    // keeps slipping, what do I do" asks about the step; "someone's at the door, pause" pauses.
    const usable = unread
      ? hits.filter((h) => h.kind !== 'smalltalk' || SOCIAL_IDS.has(h.id))
      : hits;
    // With no routine at all, a step verb beside a goodbye or thanks is an acknowledgement ("got
    // it, bye"): there is no step to move.
    const social = usable.some((h) => SOCIAL_IDS.has(h.id));
    const movesStep = (h: CommandHit) => h.kind === 'navigation' && STEP_MOVES.has(h.id);
    const asks = usable.filter(
      (h) => !SOCIAL_IDS.has(h.id) && (hasRoutine || !social || !movesStep(h)),
    );
    const chosen =
      asks.at(-1) ??
      usable.find((h) => h.id === 'goodbye') ??
      usable.find((h) => h.id === 'thanks') ??
      usable[0];
    // "ok that's it, stop": the command chosen was said as one, whatever the other clause read as.
    return chosen && { hit: chosen, nearest: loose.has(chosen), unread, questioned };
  }

  /**
   * The nearest command sample to a clause, with a routine's name left out ("stop the stretches"
   * is "stop") and a step number read as the samples' {n} ("can we go to the third step").
   */
  private nearestCommand(said: string[], looseSteps: () => boolean): CommandHit | undefined {
    const mention = this.phrases.findRoutine(said);
    const rest = mention ? [...said.slice(0, mention.start), ...said.slice(mention.end)] : said;
    let step: number | undefined;
    const { oneAfter } = this.language.data.commands;
    const words = rest.map((t, i) => {
      const n = this.language.numberFromWord(t);
      if (n === undefined || (i > 0 && oneAfter.includes(rest[i - 1]!))) return t;
      step = n;
      return NUMBER_SLOT;
    });
    if (words.length === 0) return undefined;
    const scored = this.commands.classify(words);
    if (!scored || scored.score - scored.runnerUp < COMMAND_MARGIN) return undefined;
    // A clause opening with "why", "what", "how"… asks: it is never a yes or no read loosely
    // ("why do I need to do that" is no "no need").
    const { questionWords } = this.language.data.dialogue;
    const { yesNoOpeners } = this.language.data.terms;
    const first = said[0]!;
    if (scored.kind === 'confirm' && questionWords.includes(first) && !yesNoOpeners.includes(first))
      return undefined;
    const loose =
      scored.kind === 'navigation' && scored.score >= COMMAND_SCORE_IN_ROUTINE && looseSteps();
    if (scored.score < COMMAND_SCORE && !loose) return undefined;
    if (scored.id === 'go-to-step') {
      const last = words.some((w) => this.language.data.commands.lastStep.includes(w));
      const wanted = last ? LAST_STEP : step;
      if (wanted === undefined) return undefined;
      return { kind: scored.kind, id: scored.id, exact: false, step: wanted };
    }
    return { kind: scored.kind, id: scored.id, exact: false };
  }

  private routineStartOf(
    turn: Turn,
    tokens: string[],
    mention: RoutineMention | undefined,
  ): RoutineStart | undefined {
    if (turn.type === 'intent' && turn.intent?.name === 'start-routine') {
      const named = this.phrases.findRoutine(
        this.language.normalize(turn.intent.slots?.routine ?? '').tokens,
      );
      if (named) return { routineId: named.routineId, confidence: 1, switching: false };
    }
    if (turn.type === 'launch' || turn.type === 'end') return undefined;
    const { politeRequests } = this.language.data.routines;
    const polite =
      mention !== undefined &&
      wordsOf(turn)
        .toLowerCase()
        .split(/[^a-z]+/)
        .some((w) => politeRequests.includes(w));
    const start = this.phrases.matchRoutineStart(tokens, mention, polite);
    const { switchCues } = this.language.data.routines;
    return (
      start && {
        routineId: start.routineId,
        confidence: start.exact ? 1 : CUED_START_CONFIDENCE,
        switching: tokens.some((t) => switchCues.includes(t)),
      }
    );
  }
}

/** What the person said or typed (a voice intent carries it in its query slot). */
export function wordsOf(turn: Turn): string {
  return turn.text ?? turn.intent?.slots?.query ?? '';
}

/** A word lower-cased with everything but letters and apostrophes out ("Also," is "also"). */
function bareWord(word: string): string {
  const lower = word.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c < 97 || c > 122) && c !== 39) return lower.replace(/[^a-z']/g, '');
  }
  return lower;
}

/** Clauses: sentences, and the parts between commas, semicolons and dashes. */
function clausesOf(text: string): string[] {
  return text.split(/[.,;!?]+|\s[-–—]\s/).filter((part) => /\w/.test(part));
}

/**
 * The questions of a message, when it asks more than one: its sentences, and the parts of a sentence
 * where a joiner ("and", "also") or a comma comes before a question word ("what spots should I
 * avoid and when should I see a doctor?"). A message of one question gives nothing.
 */
export function questionParts(
  text: string,
  { questionWords, joiners }: { questionWords: readonly string[]; joiners: readonly string[] },
): QuestionPart[] {
  const parts: string[] = [];
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    const words = sentence.split(/\s+/).filter(Boolean);
    const bare = words.map(bareWord);
    let start = 0;
    for (let i = 1; i < words.length - 1; i++) {
      const word = bare[i]!;
      const next = bare[i + 1]!;
      const afterComma = words[i - 1]!.endsWith(',');
      const joined = joiners.includes(word) && questionWords.includes(next);
      const commaQuestion = afterComma && questionWords.includes(word) && i - start >= 2;
      if (joined && i - start >= 2) {
        parts.push(words.slice(start, i).join(' '));
        start = i + 1;
      } else if (commaQuestion) {
        parts.push(words.slice(start, i).join(' '));
        start = i;
      }
    }
    parts.push(words.slice(start).join(' '));
  }
  const kept = parts.filter((p) => /\w/.test(p) && p.split(/\s+/).length >= 2);
  if (kept.length < 2) return [];
  // Questions first, in order; then the other parts from the last (a story comes before its
  // question: "I took an anatomy class years ago. Which nerves are in the neck?").
  const asks = (p: string) =>
    p.trimEnd().endsWith('?') || questionWords.includes(bareWord(/\S+/.exec(p)![0]));
  const questions: QuestionPart[] = [];
  const others: QuestionPart[] = [];
  for (const p of kept) {
    if (asks(p)) questions.push({ text: p, asks: true });
    else others.push({ text: p, asks: false });
  }
  return [...questions, ...others.reverse()];
}

export interface QuestionPart {
  text: string;
  /** Marked with a question mark or opening with a question word; else a statement. */
  asks: boolean;
}

/**
 * Marked with a question mark, or opening with a question word, perhaps after a joiner or a lead-in
 * ("and how…", "ok what…", "hey can…"); after a subject it is a statement ("it is ok", "I can't").
 */
function asksQuestion(text: string, tokens: readonly string[], words: QuestionWords): boolean {
  if (text.trim().endsWith('?')) return true;
  const [first, second] = tokens;
  if (first === undefined) return false;
  if (words.questionWords.includes(first)) return true;
  return second !== undefined && words.questionWords.includes(second) && words.leadIns.has(first);
}

interface QuestionWords {
  questionWords: readonly string[];
  /** Words that may come before the question word. */
  leadIns: ReadonlySet<string>;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `phrase` occurs in `tokens` as consecutive words. */
function startsAt(tokens: readonly string[], phrase: readonly string[], at: number): boolean {
  if (at + phrase.length > tokens.length) return false;
  for (let k = 0; k < phrase.length; k++) if (tokens[at + k] !== phrase[k]) return false;
  return true;
}

/**
 * In a conversation, the best topic of a message the matcher did not answer on its own still
 * reads as its topic when it scores enough and clearly leads, and nothing out of scope is named.
 */
export function clearlyLeads(m: MatchResult): boolean {
  const [best, second] = m.candidates;
  return (
    !m.namesOutOfScope &&
    best !== undefined &&
    best.score >= IN_CONTEXT_SCORE &&
    best.score >= IN_CONTEXT_LEAD * (second?.score ?? 0)
  );
}
