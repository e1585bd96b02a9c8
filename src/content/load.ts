import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
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
  safetyNetExamplesSchema,
  safetyNetSettingsSchema,
  outOfScopeFileSchema,
  promptsFileSchema,
  routineNeedSchema,
  routineNeedsFileSchema,
  routineSchema,
  safetyResponseFileSchema,
  safetyResponseSchema,
  synonymsFileSchema,
  languageFileSchema,
  skillFileSchema,
  type LanguageData,
  type SkillData,
} from './schema';
import type { MatcherSettings } from '../core/matcher';
import { Problems } from './problems';
import { DEFAULT_PATHS, type ContentPaths } from './paths';
import { nluFileSchema, nluSettingsOf } from './nlu-settings';
import { crossCheck } from './validate';

// Kept here too for the modules that import them from the loader; paths.ts needs neither yaml nor zod.
export { DEFAULT_PATHS, PROJECT_ROOT, type ContentPaths } from './paths';

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
  const safetyNet = readSafetyNet(reader, join(paths.content, 'safety'), lexicon, problems);
  const routines = yamlFiles(join(paths.content, 'routines'), problems).flatMap((file) => {
    const routine = reader.parse(
      file,
      routineSchema,
      basename(file, '.yaml'),
      undefined,
      routineEntry,
    );
    if (!routine) return [];
    if (routine.id !== basename(file, '.yaml')) {
      problems.error(reader.rel(file), routine.id, 'the routine id must equal the file name');
    }
    return [routine];
  });
  const routineNeeds = reader.entries(
    join(paths.content, 'routine-needs.yaml'),
    routineNeedsFileSchema,
    'needs',
    routineNeedSchema,
    'routine',
  );
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
  const nluFile = join(paths.content, 'nlu.yaml');
  const nluParsed = reader.parse(nluFile, nluFileSchema);
  const nlu = nluParsed ? nluSettingsOf(nluParsed) : undefined;
  if (nlu && !('settings' in nlu)) {
    problems.error(reader.rel(nluFile), nlu.entry, nlu.message, 'CONTENT_INVALID');
  }
  const bundle: ContentBundle = {
    answers,
    safetyResponses,
    lexicon,
    concepts,
    ...(safetyNet ? { safetyNet } : {}),
    routines,
    routineNeeds,
    prompts: prompts as Prompts,
    labels: promptFile?.labels ?? ({} as ContentBundle['labels']),
    starters: promptFile?.starters ?? [],
    intents,
    synonyms,
    outOfScope,
    language: language as LanguageData,
    skill: skill as SkillData,
    nlu: (nlu && 'settings' in nlu ? nlu.settings : undefined) as MatcherSettings,
  };
  // Cross-checks read words through the language; without a valid one they cannot run.
  if (language && skill) crossCheck(bundle, answerFiles, problems);
  return { bundle, problems, answerFiles };
}

/** The net's two files, both or neither; every family named must be a lexicon tier. */
function readSafetyNet(
  reader: ContentReader,
  dir: string,
  lexicon: ReadonlyArray<{ id: string }>,
  problems: Problems,
): ContentBundle['safetyNet'] {
  const settingsFile = join(dir, 'net.yaml');
  if (!existsSync(settingsFile)) return undefined;
  const settings = reader.parse(settingsFile, safetyNetSettingsSchema);
  const examplesFile = join(dir, 'net-examples.yaml');
  const examples = reader.parse(examplesFile, safetyNetExamplesSchema);
  if (!settings || !examples) return undefined;
  const tiers = new Set(lexicon.map((t) => t.id));
  for (const family of Object.keys(examples.statements)) {
    if (!tiers.has(family))
      problems.error(reader.rel(examplesFile), family, 'not a safety family of the lexicon');
  }
  return { ...settings, ...examples };
}

type EntryNamer = (
  entry: string,
  path: readonly PropertyKey[],
  data: unknown,
) => string | undefined;

/** Names a routine problem by step and help entry: "kneading step 3 help how-far", "kneading help breathing". */
const routineEntry: EntryNamer = (entry, path, data) => {
  const at = (value: unknown, key: PropertyKey): unknown =>
    value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  const helpName = (list: unknown, index: PropertyKey | undefined) => {
    if (typeof index !== 'number') return 'help';
    const about = at(at(list, index), 'about');
    return `help ${typeof about === 'string' ? about : `#${index + 1}`}`;
  };
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const step = `${entry} step ${path[1] + 1}`;
    if (path[2] !== 'help') return step;
    return `${step} ${helpName(at(at(at(data, 'steps'), path[1]), 'help'), path[3])}`;
  }
  if (path[0] === 'help') return `${entry} ${helpName(at(data, 'help'), path[1])}`;
  return undefined;
};

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
      this.problems.error(
        this.rel(file),
        undefined,
        'file is missing or unreadable',
        'CONTENT_UNREADABLE',
      );
      return undefined;
    }
    try {
      return parse(raw);
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      this.problems.error(
        this.rel(file),
        undefined,
        `not valid YAML: ${reason}`,
        'CONTENT_UNREADABLE',
      );
      return undefined;
    }
  }

  /**
   * The file (or one entry of it, `data`) if it matches the schema; every issue is reported.
   * `entryOf` names the entry from the failing path when the file holds several ("kneading step 3
   * help how-far").
   */
  parse<S extends z.ZodType>(
    file: string,
    schema: S,
    entry?: string,
    data?: unknown,
    entryOf?: EntryNamer,
  ): z.infer<S> | undefined {
    const value = data === undefined ? this.read(file) : data;
    if (value === undefined && data === undefined) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const at = issue.path.length > 0 ? issue.path.join('.') : undefined;
      // A file without entries of its own (prompts, language, skill): the path is the entry.
      const named =
        entry !== undefined ? (entryOf?.(entry, issue.path, value) ?? entry) : undefined;
      const where = named ?? at?.split('.').slice(0, 2).join('.');
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
    /** The field that names an entry in messages. */
    idKey = 'id',
  ): Array<z.infer<S>> {
    const list = this.parse(file, fileSchema)?.[key] ?? [];
    return list.flatMap((item, index) => {
      const named: unknown =
        item && typeof item === 'object' ? (item as Record<string, unknown>)[idKey] : undefined;
      const entryId = typeof named === 'string' ? named : `#${index + 1}`;
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
