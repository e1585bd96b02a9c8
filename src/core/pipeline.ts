import type { ContentBundle } from '../content/bundle';
import { Dialogue } from './dialogue/dialogue';
import { FallbackTerms, type FallbackTopic } from './fallback-terms';
import { IntentPhrases } from './intent-phrases';
import {
  AnswerMatcher,
  type MatcherModel,
  type MatcherSettings,
  type MatchResult,
} from './matcher';
import { languageOf, type Language } from './language';
import type { Reply, Suggestion } from './reply';
import { ReplyBuilder } from './replies';
import { RoutineEngine, type Scratch } from './routine-engine';
import { ROUTES } from './routes';
import type { Route, TurnContext } from './routes/route';
import { SafetyRouter } from './safety';
import { withSafetyCheck } from './safety-check';
import { SafetyLayers, netLayerOf } from './safety-layers';
import type { SafetyNetModel } from './safety-net';
import type { SessionState } from './session';
import { Speller } from './speller';
import { Synonyms } from './synonyms';
import { textTurn, type Turn } from './turn';
import { CommandClassifier } from './understand/command-classifier';
import { StepHelpIndex } from './understand/step-help';
import { StepTitles } from './understand/step-titles';
import { Understanding, wordsOf } from './understand/understand';
import { WordMatcher } from './word-match';

export interface PipelineOptions {
  /** Saved routine positions older than this are forgotten (default 24 h). */
  savedRoutineTtlMs?: number;
  matcher?: MatcherSettings;
  /** The matcher trained ahead of time for this content and these settings (see nlu-artifact.ts). */
  matcherModel?: MatcherModel;
  /** The speller's word counts, computed ahead of time with the matcher model (`wordFrequency()`). */
  wordFrequency?: ReadonlyMap<string, number>;
  /** The safety net trained ahead of time with the matcher (see nlu-artifact.ts). */
  safetyNetModel?: SafetyNetModel;
  /** The routes to try, lowest rank first (default: every route of src/core/routes). */
  routes?: readonly Route[];
}

export interface TurnResult {
  reply: Reply;
  state: SessionState;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const isSafety = (reply: Reply) =>
  reply.outcome.kind === 'precaution' || reply.outcome.kind === 'emergency';

/** The speller's vocabulary: every word the matcher learns from, the answers' speech included. */
function wordFrequencyOf(content: ContentBundle, language: Language): Map<string, number> {
  const texts = [
    ...content.answers.flatMap((a) => [...a.questions, ...a.keywords, a.title, a.speech]),
    ...content.outOfScope.questions,
    ...content.outOfScope.keywords,
    ...content.synonyms.flatMap((s) => [s.to, ...s.from]),
  ];
  const frequency = new Map<string, number>();
  for (const text of texts) {
    for (const t of language.normalize(text).tokens) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  }
  return frequency;
}

/**
 * The one pipeline every channel uses: understand the turn once, then the first route (in rank
 * order) that can handle it answers. See src/core/routes/index.ts for the order.
 */
export class Pipeline {
  readonly replies: ReplyBuilder;
  readonly dialogue: Dialogue;
  private readonly understanding: Understanding;
  private readonly matcher: AnswerMatcher;
  private readonly routes: readonly Route[];
  private readonly savedTtl: number;
  private readonly fallbackTermsOf: () => FallbackTerms;
  private readonly language: Language;
  private readonly frequency: ReadonlyMap<string, number>;
  private readonly safety: SafetyLayers;

  constructor(
    readonly content: ContentBundle,
    commonWords: ReadonlySet<string>,
    options: PipelineOptions = {},
  ) {
    const language = languageOf(content);
    this.language = language;
    const frequency = options.wordFrequency ?? wordFrequencyOf(content, language);
    this.frequency = frequency;
    const words = new WordMatcher(commonWords, new Set(frequency.keys()));
    this.replies = new ReplyBuilder(content);
    this.matcher = new AnswerMatcher(
      content.answers,
      content.outOfScope,
      new Synonyms(content.synonyms, language),
      new Speller(frequency, words, language.terms),
      options.matcher ?? content.nlu,
      language,
      options.matcherModel,
      commonWords,
    );
    const rules = new SafetyRouter(content.lexicon, words, content.concepts, language);
    this.safety = new SafetyLayers(
      rules,
      netLayerOf(content, language, rules, options.safetyNetModel),
    );
    this.understanding = new Understanding(
      this.safety,
      new IntentPhrases(content.intents, content.routines, words, language),
      this.matcher,
      new CommandClassifier(content.intents, words, language),
      () => new StepHelpIndex(content.routines, language),
      new StepTitles(content.routines, language),
      words,
      language,
      content.routineNeeds,
      new Map([
        ...content.answers.map((a) => [a.id, a.title] as const),
        ...content.routines.map((r) => [r.id, r.title] as const),
      ]),
    );
    this.routes = options.routes ?? ROUTES;
    this.savedTtl = options.savedRoutineTtlMs ?? DAY_MS;
    // Built on first use, as the step help is: neither is needed before the first answer, and
    // cold start (require to first answer) is what a Lambda container pays.
    this.fallbackTermsOf = () =>
      (fallbackTerms ??= new FallbackTerms(commonWords, content.lexicon, language));
    let fallbackTerms: FallbackTerms | undefined;
    let statelessStarters: Suggestion[] | undefined;
    const startersOf = () =>
      (statelessStarters ??= content.starters.filter(
        (s) => !this.understanding.of(textTurn(s.value), {}).routineStart,
      ));
    this.dialogue = new Dialogue(
      content,
      this.replies,
      new RoutineEngine(this.replies),
      startersOf,
    );
  }

  /** What an unanswered turn was about, in words safe to log (see FallbackTerms). */
  fallbackTopic(turn: Turn): FallbackTopic {
    return this.fallbackTermsOf().of(this.language.normalize(wordsOf(turn)).tokens);
  }

  /** The reply to give when state could not be loaded or saved (see Dialogue.withoutState). */
  withoutState(reply: Reply): Reply {
    return this.dialogue.withoutState(reply);
  }

  /** The speller's word counts, for the build artifact. */
  wordFrequency(): ReadonlyMap<string, number> {
    return this.frequency;
  }

  /** The matcher's trained vocabulary and weights, for the build artifact. */
  matcherModel(): MatcherModel {
    return this.matcher.model();
  }

  /** The content words of a text the answer bank's vocabulary does not know (the vocabulary gap). */
  unknownWords(text: string): string[] {
    return this.matcher.unknownWords(this.language.normalize(text).tokens);
  }

  /** The safety net's trained parameters, for the build artifact (undefined when it is off). */
  safetyNetModel(): SafetyNetModel | undefined {
    return this.safety.netModel();
  }

  /** The safety layers' own readings of an utterance (for choosing the net's thresholds). */
  explainSafety(text: string): ReturnType<SafetyLayers['explain']> {
    return this.safety.explain(this.language.normalize(text).tokens);
  }

  /** The answer matcher's view of an utterance (for calibration and debugging). */
  explainMatch(text: string): MatchResult {
    return this.matcher.match(this.language.normalize(text).tokens);
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
    const interpretation = this.understanding.of(turn, s.conversation);
    const ctx: TurnContext = {
      s,
      pending: s.conversation.pending,
      expired,
      dialogue: this.dialogue,
    };
    delete s.conversation.pending;
    const reply = this.route(interpretation, ctx);
    if (interpretation.safetyCheck && !isSafety(reply))
      withSafetyCheck(reply, this.replies.prompt('safetyCheck'));
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

  private route(interpretation: ReturnType<Understanding['of']>, ctx: TurnContext): Reply {
    for (const route of this.routes) {
      if (!route.canHandle(interpretation, ctx)) continue;
      const reply = route.handle(interpretation, ctx);
      if (reply) return reply;
    }
    throw new Error('no route answered the turn (the fallback route is missing)');
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
}
