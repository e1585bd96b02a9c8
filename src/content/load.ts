import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { NeckbotError } from '../core/errors';
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
} from './schema';
import { DEFAULT_PATHS, type ContentPaths } from './paths';
import { nluFileSchema, nluSettingsOf } from './nlu-settings';
import { crossCheck } from './validate';

// Kept here too for the modules that import them from the loader; paths.ts needs neither yaml nor zod.
export { DEFAULT_PATHS, PROJECT_ROOT, type ContentPaths } from './paths';

/** Loads, validates and cross-checks all content; throws a NeckbotError naming the file and entry. */
export function loadContent(paths: ContentPaths = DEFAULT_PATHS): ContentBundle {
  const reader = new ContentReader(paths.content);
  const answerFiles = new Map<string, string>();
  const answers = yamlFiles(join(paths.content, 'answers')).flatMap((file) =>
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
  const routines = yamlFiles(join(paths.content, 'routines')).map((file) => {
    const routine = reader.parse(file, routineSchema, basename(file, '.yaml'));
    if (routine.id !== basename(file, '.yaml')) {
      throw new NeckbotError('CONTENT_INCONSISTENT', 'the routine id must equal the file name', {
        file: reader.rel(file),
        entry: routine.id,
      });
    }
    return routine;
  });
  const promptFile = reader.parse(join(paths.content, 'prompts.yaml'), promptsFileSchema);
  const prompts = promptFile.prompts;
  for (const key of PROMPT_KEYS) {
    if (!prompts[key]) {
      throw new NeckbotError('CONTENT_INCONSISTENT', 'required prompt is missing', {
        file: 'content/prompts.yaml',
        entry: key,
      });
    }
  }
  const intentReader = new ContentReader(paths.intents);
  const intents = yamlFiles(paths.intents, true).flatMap((file) =>
    intentReader.entries(file, intentFileSchema, 'intents', intentSchema),
  );
  const synonyms = reader.parse(join(paths.content, 'synonyms.yaml'), synonymsFileSchema).synonyms;
  const outOfScope = reader.parse(join(paths.content, 'out-of-scope.yaml'), outOfScopeFileSchema).outOfScope;
  const nluFile = join(paths.content, 'nlu.yaml');
  const nlu = nluSettingsOf(reader.parse(nluFile, nluFileSchema));
  if (!('settings' in nlu))
    throw new NeckbotError('CONTENT_INVALID', nlu.message, {
      file: reader.rel(nluFile),
      entry: nlu.entry,
    });
  const bundle: ContentBundle = {
    answers,
    safetyResponses,
    lexicon,
    concepts,
    routines,
    prompts: prompts as Prompts,
    labels: promptFile.labels,
    starters: promptFile.starters,
    intents,
    synonyms,
    outOfScope,
    nlu: nlu.settings,
  };
  crossCheck(bundle, answerFiles);
  return bundle;
}

class ContentReader {
  constructor(private readonly root: string) {}

  rel(file: string): string {
    return join(basename(this.root), relative(this.root, file));
  }

  read(file: string): unknown {
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch {
      throw new NeckbotError('CONTENT_UNREADABLE', 'file is missing or unreadable', {
        file: this.rel(file),
      });
    }
    try {
      return parse(raw);
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new NeckbotError('CONTENT_UNREADABLE', `not valid YAML: ${reason}`, {
        file: this.rel(file),
      });
    }
  }

  parse<S extends z.ZodType>(file: string, schema: S, entry?: string, data?: unknown): z.infer<S> {
    const result = schema.safeParse(data === undefined ? this.read(file) : data);
    if (!result.success) {
      const issue = result.error.issues[0];
      const at = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new NeckbotError('CONTENT_INVALID', `${at}${issue?.message ?? 'invalid'}`, {
        file: this.rel(file),
        ...(entry ? { entry } : {}),
      });
    }
    return result.data;
  }

  entries<S extends z.ZodType>(
    file: string,
    fileSchema: z.ZodType<Record<string, unknown[]>>,
    key: string,
    entrySchema: S,
  ): Array<z.infer<S>> {
    const list = this.parse(file, fileSchema)[key] ?? [];
    return list.map((item, index) => {
      const entryId =
        item && typeof item === 'object' && 'id' in item && typeof item.id === 'string'
          ? item.id
          : `#${index + 1}`;
      return this.parse(file, entrySchema, entryId, item);
    });
  }
}

function yamlFiles(dir: string, recursive = false): string[] {
  if (!existsSync(dir)) {
    throw new NeckbotError('CONTENT_UNREADABLE', 'folder is missing', { file: dir });
  }
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && recursive) out.push(...yamlFiles(full, true));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}
