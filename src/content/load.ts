import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { PROMPT_KEYS, type ContentBundle, type Prompts } from './bundle';
import {
  answerFileSchema,
  answerSchema,
  intentFileSchema,
  intentSchema,
  lexiconFileSchema,
  lexiconTierSchema,
  conceptFileSchema,
  safetyConceptSchema,
  outOfScopeFileSchema,
  promptsFileSchema,
  routineSchema,
  safetyResponseFileSchema,
  safetyResponseSchema,
  synonymsFileSchema,
  languageFileSchema,
  skillFileSchema,
  type LanguageData,
  type SkillData,
} from './schema';
import { Problems } from './problems';
import { crossCheck } from './validate';

/** The project root: two levels above this file both in src/ and in dist/. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

export interface ContentPaths {
  content: string;
  intents: string;
}

export const DEFAULT_PATHS: ContentPaths = {
  content: join(PROJECT_ROOT, 'content'),
  intents: join(PROJECT_ROOT, 'intents'),
};

/** Loads, validates and cross-checks all content; throws a NeckbotError naming the file and entry. */
export function loadContent(paths: ContentPaths = DEFAULT_PATHS): ContentBundle {
  const { bundle, problems } = readContent(paths);
  problems.throwIfErrors();
  return bundle;
}

/**
 * Reads every content file and collects every problem: a file or entry that fails its schema is
 * reported and left out, and the rest is still read and cross-checked. The bundle is complete only
 * when there are no errors.
 */
export function readContent(paths: ContentPaths = DEFAULT_PATHS): {
  bundle: ContentBundle;
  problems: Problems;
  /** The file of each answer id, for problems about an answer. */
  answerFiles: ReadonlyMap<string, string>;
} {
  const problems = new Problems();
  const reader = new ContentReader(paths.content, problems);
  const answerFiles = new Map<string, string>();
  const answers = yamlFiles(join(paths.content, 'answers'), problems).flatMap((file) =>
    reader.entries(file, answerFileSchema, 'answers', answerSchema).map((answer) => {
      answerFiles.set(answer.id, reader.rel(file));
      return answer;
    }),
  );
  const safetyResponses = reader.entries(
    join(paths.content, 'safety', 'responses.yaml'),
    safetyResponseFileSchema,
    'responses',
    safetyResponseSchema,
  );
  const lexicon = reader.entries(
    join(paths.content, 'safety', 'lexicon.yaml'),
    lexiconFileSchema,
    'tiers',
    lexiconTierSchema,
  );
  const concepts = reader.entries(
    join(paths.content, 'safety', 'concepts.yaml'),
    conceptFileSchema,
    'concepts',
    safetyConceptSchema,
  );
  const routines = yamlFiles(join(paths.content, 'routines'), problems).flatMap((file) => {
    const routine = reader.parse(file, routineSchema, basename(file, '.yaml'));
    if (!routine) return [];
    if (routine.id !== basename(file, '.yaml')) {
      problems.error(reader.rel(file), routine.id, 'the routine id must equal the file name');
    }
    return [routine];
  });
  const promptFile = reader.parse(join(paths.content, 'prompts.yaml'), promptsFileSchema);
  const prompts = promptFile?.prompts ?? {};
  if (promptFile) {
    for (const key of PROMPT_KEYS) {
      if (!prompts[key]) problems.error('content/prompts.yaml', key, 'required prompt is missing');
    }
  }
  const intentReader = new ContentReader(paths.intents, problems);
  const intents = yamlFiles(paths.intents, problems, true).flatMap((file) =>
    intentReader.entries(file, intentFileSchema, 'intents', intentSchema),
  );
  const synonyms =
    reader.parse(join(paths.content, 'synonyms.yaml'), synonymsFileSchema)?.synonyms ?? [];
  const outOfScope = reader.parse(join(paths.content, 'out-of-scope.yaml'), outOfScopeFileSchema)
    ?.outOfScope ?? { keywords: [], questions: [] };
  const language = reader.parse(join(paths.content, 'language', 'en.yaml'), languageFileSchema);
  const skill = reader.parse(join(paths.content, 'skill.yaml'), skillFileSchema);
  const bundle: ContentBundle = {
    answers,
    safetyResponses,
    lexicon,
    concepts,
    routines,
    prompts: prompts as Prompts,
    labels: promptFile?.labels ?? ({} as ContentBundle['labels']),
    starters: promptFile?.starters ?? [],
    intents,
    synonyms,
    outOfScope,
    language: language as LanguageData,
    skill: skill as SkillData,
  };
  // Cross-checks read words through the language; without a valid one they cannot run.
  if (language && skill) crossCheck(bundle, answerFiles, problems);
  return { bundle, problems, answerFiles };
}

class ContentReader {
  constructor(
    private readonly root: string,
    private readonly problems: Problems,
  ) {}

  rel(file: string): string {
    return join(basename(this.root), relative(this.root, file));
  }

  read(file: string): unknown {
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch {
      this.problems.error(this.rel(file), undefined, 'file is missing or unreadable', 'CONTENT_UNREADABLE');
      return undefined;
    }
    try {
      return parse(raw);
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      this.problems.error(this.rel(file), undefined, `not valid YAML: ${reason}`, 'CONTENT_UNREADABLE');
      return undefined;
    }
  }

  /** The file (or one entry of it, `data`) if it matches the schema; every issue is reported. */
  parse<S extends z.ZodType>(
    file: string,
    schema: S,
    entry?: string,
    data?: unknown,
  ): z.infer<S> | undefined {
    const value = data === undefined ? this.read(file) : data;
    if (value === undefined && data === undefined) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const at = issue.path.length > 0 ? issue.path.join('.') : undefined;
      // A file without entries of its own (prompts, language, skill): the path is the entry.
      const where = entry ?? at?.split('.').slice(0, 2).join('.');
      const prefix = at && (entry || at.split('.').length > 2) ? `${at}: ` : '';
      this.problems.error(this.rel(file), where, `${prefix}${issue.message}`, 'CONTENT_INVALID');
    }
    return undefined;
  }

  entries<S extends z.ZodType>(
    file: string,
    fileSchema: z.ZodType<Record<string, unknown[]>>,
    key: string,
    entrySchema: S,
  ): Array<z.infer<S>> {
    const list = this.parse(file, fileSchema)?.[key] ?? [];
    return list.flatMap((item, index) => {
      const entryId =
        item && typeof item === 'object' && 'id' in item && typeof item.id === 'string'
          ? item.id
          : `#${index + 1}`;
      const parsed = this.parse(file, entrySchema, entryId, item);
      return parsed === undefined ? [] : [parsed];
    });
  }
}

function yamlFiles(dir: string, problems: Problems, recursive = false): string[] {
  if (!existsSync(dir)) {
    problems.error(dir, undefined, 'folder is missing', 'CONTENT_UNREADABLE');
    return [];
  }
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && recursive) out.push(...yamlFiles(full, problems, true));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}
