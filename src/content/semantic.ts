import type { ContentBundle } from './bundle';
import { languageOf } from '../core/language';
import { AnswerMatcher } from '../core/matcher';
import { Pipeline } from '../core/pipeline';
import type { Outcome } from '../core/reply';
import { ReplyBuilder } from '../core/replies';
import { emptySession } from '../core/session';
import { Speller } from '../core/speller';
import { Synonyms } from '../core/synonyms';
import { textTurn } from '../core/turn';
import { WordMatcher } from '../core/word-match';
import { DEFAULT_PATHS, readContent, type ContentPaths } from './load';
import type { Problems } from './problems';

/**
 * `neckbot validate`: every problem in content/ and intents/, errors, warnings and notes, each with
 * its file and entry. The checks that run the pipeline run only when the content loads without
 * errors (a pipeline cannot be built from broken content).
 */
export function validateContent(
  commonWords: ReadonlySet<string>,
  paths: ContentPaths = DEFAULT_PATHS,
): Problems {
  const { bundle, problems, answerFiles } = readContent(paths);
  if (problems.errors.length === 0) {
    semanticChecks(bundle, new Pipeline(bundle, commonWords), commonWords, problems, answerFiles);
  }
  return problems;
}

const PROMPTS_FILE = 'content/prompts.yaml';
const SAFETY_KINDS = new Set<Outcome['kind']>(['precaution', 'emergency']);

/**
 * Checks that need the real pipeline: content that is valid on its own but would not do what it
 * says once people use it. `pipeline` must be built from `content`.
 */
export function semanticChecks(
  content: ContentBundle,
  pipeline: Pipeline,
  commonWords: ReadonlySet<string>,
  problems: Problems,
  answerFiles: ReadonlyMap<string, string>,
): void {
  const outcome = (text: string) =>
    pipeline.respond(textTurn(text, { conversationId: 'validate' }), emptySession()).reply.outcome;
  const said = (o: Outcome) => `${o.kind}/${o.id}`;
  const fileOf = (id: string) => answerFiles.get(id) ?? 'content/answers';
  const routineFile = (id: string) => `content/routines/${id}.yaml`;
  const replies = new ReplyBuilder(content);

  // Starters: one that names a routine starts it; any other must be understood (not fall back).
  for (const starter of content.starters) {
    const named = routineNamed(content, starter.value);
    const o = outcome(starter.value);
    if (named) {
      if (o.kind !== 'routine' || o.id !== named) {
        problems.error(
          PROMPTS_FILE,
          `starters: ${starter.label}`,
          `"${starter.value}" names routine "${named}" but gets ${said(o)}`,
        );
      }
    } else if (o.kind === 'fallback' || SAFETY_KINDS.has(o.kind)) {
      problems.error(
        PROMPTS_FILE,
        `starters: ${starter.label}`,
        `"${starter.value}" gets ${said(o)}`,
      );
    }
  }

  // Topic suggestions (follow-ups, "did you mean", safety replies) send the topic's first question.
  for (const answer of content.answers) {
    const { value } = replies.topicSuggestion(answer.id);
    const o = outcome(value);
    if (o.kind !== 'answer' || o.id !== answer.id) {
      problems.error(
        fileOf(answer.id),
        answer.id,
        `its suggestion "${value}" (the first question) gets ${said(o)}, not this answer`,
      );
    }
  }
  // Routine suggestions ("walk me through …") start their routine.
  for (const routine of content.routines) {
    const { value } = replies.routineSuggestion(routine.id);
    const o = outcome(value);
    if (o.kind !== 'routine' || o.id !== routine.id) {
      problems.error(
        routineFile(routine.id),
        routine.id,
        `its suggestion "${value}" gets ${said(o)}`,
      );
    }
  }

  // What the bank teaches the matcher should reach it: an alternate question or a routine name that
  // fires the safety router never gets its answer (safety runs first). A warning, not an error: the
  // safety reply may be the right one for it ("i have a long term health condition…").
  for (const answer of content.answers) {
    for (const question of answer.questions) {
      const o = outcome(question);
      if (SAFETY_KINDS.has(o.kind)) {
        problems.warning(
          fileOf(answer.id),
          answer.id,
          `question "${question}" fires safety (${said(o)})`,
        );
      }
    }
  }
  for (const routine of content.routines) {
    for (const name of new Set([...routine.names, routine.title])) {
      const o = outcome(name);
      if (SAFETY_KINDS.has(o.kind)) {
        problems.warning(
          routineFile(routine.id),
          routine.id,
          `name "${name}" fires safety (${said(o)})`,
        );
      }
    }
  }

  // Keywords that override scope: worth knowing, since one word decides a whole question.
  const language = languageOf(content);
  const words = new WordMatcher(commonWords);
  const matcher = new AnswerMatcher(
    content.answers,
    content.outOfScope,
    new Synonyms(content.synonyms, language),
    new Speller(new Map(), words, language.terms),
    content.nlu,
    language,
  );
  const overrides = matcher.scopeOverrides;
  for (const answer of content.answers) {
    const keywords = answer.keywords.filter(
      (k) => !k.includes(' ') && matcher.termsOfText(k).some((t) => overrides.has(t)),
    );
    if (keywords.length > 0) {
      problems.info(
        fileOf(answer.id),
        answer.id,
        `scope overrides: a question with ${keywords.map((k) => `"${k}"`).join(', ')} is never out of scope`,
      );
    }
  }
}

/** The routine whose name (or id, or title) the text says, longest name first. */
function routineNamed(content: ContentBundle, text: string): string | undefined {
  const language = languageOf(content);
  const said = ` ${language.normalize(text).text} `;
  let best: { id: string; length: number } | undefined;
  for (const r of content.routines) {
    for (const name of [...r.names, r.id.replace(/-/g, ' '), r.title]) {
      const words = language.normalize(name).text;
      if (words && said.includes(` ${words} `) && (!best || words.length > best.length)) {
        best = { id: r.id, length: words.length };
      }
    }
  }
  return best?.id;
}
