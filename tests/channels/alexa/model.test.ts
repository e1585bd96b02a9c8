import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BUILT_IN_INTENTS,
  CUSTOM_INTENTS,
  QUESTION_WORD_INTENTS,
  SMALLTALK_INTENTS,
} from '../../../src/channels/alexa/intent-names';
import {
  buildInteractionModel,
  cleanSample,
  spokenContractions,
  spokenForms,
  type InteractionModel,
  type ModelIntent,
} from '../../../src/channels/alexa/model';
import type { ContentBundle } from '../../../src/content/bundle';
import { normalize } from '../../helpers/language';
import { loadContent, PROJECT_ROOT } from '../../../src/content/load';
import {
  generateSkillPackage,
  MANIFEST_FILE,
  MEDICAL_DISCLAIMER,
  MODEL_LOCALES,
  MODELS_DIR,
  staleFiles,
  writeSkillPackage,
} from '../../../src/tools/build-model';
import { classify } from '../../helpers/pipeline';

const content = loadContent();
const EXAMPLE_PHRASES = content.skill.model.examplePhrases;
const SPOKEN_CONTRACTIONS = spokenContractions(content);

/** Built-ins a certified skill must handle, whatever else it does. */
const REQUIRED_BUILT_INS = [
  'AMAZON.HelpIntent',
  'AMAZON.StopIntent',
  'AMAZON.CancelIntent',
  'AMAZON.NavigateHomeIntent',
  'AMAZON.FallbackIntent',
];
/** Contract names the model may leave out (none today). */
const NOT_IN_MODEL = new Set<string>();
const BUILT_IN_SLOT_TYPES = new Set(['AMAZON.SearchQuery', 'AMAZON.NUMBER']);
const UTTERANCE = /^[a-z0-9 .'{}]+$/;

interface Manifest {
  manifest: {
    publishingInformation: {
      locales: Record<string, { name: string; description: string; examplePhrases: string[] }>;
      category: string;
    };
  };
}

function readCommitted<T>(path: string): T {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, path), 'utf8')) as T;
}

function languageModel(locale: string): InteractionModel['interactionModel']['languageModel'] {
  return readCommitted<InteractionModel>(`${MODELS_DIR}/${locale}.json`).interactionModel
    .languageModel;
}

function slotNames(sample: string): string[] {
  return [...sample.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
}

function samplesOf(intents: readonly ModelIntent[]): Array<{ intent: string; sample: string }> {
  return intents.flatMap((intent) =>
    intent.samples.map((sample) => ({ intent: intent.name, sample })),
  );
}

describe('the committed skill package', () => {
  it('is what build-model generates from the content', () => {
    const stale = staleFiles(generateSkillPackage(content), PROJECT_ROOT);
    expect(stale.map((path) => `${path} is out of date: run \`npm run build:model\``)).toEqual([]);
  });

  it('has the medical disclaimer, category and example phrases in every locale', () => {
    const info = readCommitted<Manifest>(MANIFEST_FILE).manifest.publishingInformation;
    expect(Object.keys(info.locales).sort()).toEqual([...MODEL_LOCALES].sort());
    expect(info.category).toBe('HEALTH_AND_FITNESS');
    for (const locale of Object.values(info.locales)) {
      expect(locale.name).toBe('Neck Massage Coach');
      expect(locale.description).toContain(MEDICAL_DISCLAIMER);
      expect(locale.examplePhrases).toEqual(EXAMPLE_PHRASES);
    }
  });
});

describe.each(MODEL_LOCALES)('the %s interaction model', (locale) => {
  const model = languageModel(locale);
  const names = model.intents.map((intent) => intent.name);

  it('is invoked as "neck massage coach"', () => {
    expect(model.invocationName).toBe('neck massage coach');
  });

  it('has the built-ins a certified skill needs', () => {
    expect(REQUIRED_BUILT_INS.filter((name) => !names.includes(name))).toEqual([]);
  });

  it('has exactly the intents the skill handles', () => {
    const handled = [
      ...Object.values(CUSTOM_INTENTS),
      ...Object.keys(QUESTION_WORD_INTENTS),
      ...Object.keys(SMALLTALK_INTENTS),
      ...Object.keys(BUILT_IN_INTENTS),
    ];
    expect(names.filter((name) => !handled.includes(name))).toEqual([]);
    expect(handled.filter((name) => !NOT_IN_MODEL.has(name) && !names.includes(name))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every custom intent samples and the built-ins no slots', () => {
    for (const name of [...Object.values(CUSTOM_INTENTS), ...Object.keys(SMALLTALK_INTENTS)]) {
      expect(model.intents.find((intent) => intent.name === name)?.samples.length).toBeGreaterThan(
        4,
      );
    }
    expect(model.intents.filter((i) => i.name.startsWith('AMAZON.') && i.slots)).toEqual([]);
    expect(model.intents.find((i) => i.name === 'AMAZON.FallbackIntent')?.samples).toEqual([]);
  });

  it('has utterances Alexa accepts', () => {
    const bad = samplesOf(model.intents).filter(
      ({ sample }) => !UTTERANCE.test(sample) || sample.length > 200 || sample !== sample.trim(),
    );
    expect(bad).toEqual([]);
  });

  it('puts no utterance under two intents, nor twice under one', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const { intent, sample } of samplesOf(model.intents)) {
      const shape = sample.replace(/\{[^}]*\}/g, '{}');
      const owner = seen.get(shape);
      if (owner !== undefined) clashes.push(`"${sample}" under ${owner} and ${intent}`);
      seen.set(shape, intent);
    }
    expect(clashes).toEqual([]);
  });

  it('uses only declared slots, of types that exist', () => {
    const declaredTypes = new Set(model.types.map((type) => type.name));
    for (const intent of model.intents) {
      const slots = intent.slots ?? [];
      for (const slot of slots) {
        expect([
          slot.type,
          BUILT_IN_SLOT_TYPES.has(slot.type) || declaredTypes.has(slot.type),
        ]).toEqual([slot.type, true]);
      }
      const undeclared = intent.samples.filter((sample) =>
        slotNames(sample).some((name) => !slots.some((slot) => slot.name === name)),
      );
      expect([intent.name, undeclared]).toEqual([intent.name, []]);
    }
  });

  it('gives every AMAZON.SearchQuery slot a carrier phrase, one such slot per utterance', () => {
    const bad = model.intents.flatMap((intent) => {
      const search = (intent.slots ?? []).filter((s) => s.type === 'AMAZON.SearchQuery');
      return intent.samples.filter((sample) => {
        const used = slotNames(sample).filter((name) => search.some((s) => s.name === name));
        const carrier = sample.replace(/\{[^}]*\}/g, '').trim();
        return used.length > 1 || (used.length === 1 && carrier === '');
      });
    });
    expect(bad).toEqual([]);
  });

  it('declares custom slot types with values, each synonym under one value only', () => {
    const used = new Set(model.intents.flatMap((i) => (i.slots ?? []).map((s) => s.type)));
    for (const type of model.types) {
      expect([type.name, used.has(type.name), type.values.length > 0]).toEqual([
        type.name,
        true,
        true,
      ]);
      const words = type.values.flatMap((v) => [v.name.value, ...v.name.synonyms]);
      expect(words.filter((word, i) => words.indexOf(word) !== i)).toEqual([]);
    }
  });

  it('resolves the routine slot to the routine ids of the content', () => {
    const routineType = model.types.find((type) => type.name === 'ROUTINE_NAME');
    expect(routineType?.values.map((v) => v.name.value)).toEqual(content.routines.map((r) => r.id));
  });

  it('understands the example phrases of the skill manifest', () => {
    const unmatched = EXAMPLE_PHRASES.map(spokenRequest)
      .filter((request): request is string => request !== undefined)
      .filter(
        (request) =>
          !samplesOf(model.intents).some(({ sample }) => matches(model, sample, request)),
      );
    expect(unmatched).toEqual([]);
  });
});

/** "Alexa, ask neck massage coach is it safe..." → "is it safe..."; undefined for a plain launch. */
function spokenRequest(phrase: string): string | undefined {
  const match = /^Alexa, (?:ask|tell) neck massage coach (?:to )?(.+)$/.exec(phrase);
  return match?.[1];
}

function matches(
  model: InteractionModel['interactionModel']['languageModel'],
  sample: string,
  request: string,
): boolean {
  const pattern = sample.replace(/\{([^}]*)\}/g, (_, name: string) => slotPattern(model, name));
  return new RegExp(`^${pattern}$`).test(request);
}

function slotPattern(
  model: InteractionModel['interactionModel']['languageModel'],
  slotName: string,
): string {
  const type = model.intents
    .flatMap((intent) => intent.slots ?? [])
    .find((slot) => slot.name === slotName)?.type;
  const custom = model.types.find((t) => t.name === type);
  if (!custom) return '.+';
  const words = custom.values.flatMap((v) => [v.name.value, ...v.name.synonyms]);
  return `(?:${words.join('|')})`;
}

describe('buildInteractionModel', () => {
  const intentsOf = (bundle: ContentBundle): ModelIntent[] =>
    buildInteractionModel(bundle, 'en-US').interactionModel.languageModel.intents;

  it('is the same for every English locale and refuses others', () => {
    expect(buildInteractionModel(content, 'en-GB')).toEqual(
      buildInteractionModel(content, 'en-US'),
    );
    expect(() => buildInteractionModel(content, 'de-DE')).toThrow(/de-DE/);
  });

  it('fills {n} as the step slot', () => {
    const goToStep = intentsOf(content).find((i) => i.name === CUSTOM_INTENTS.goToStep);
    expect(goToStep?.samples).toContain('go to step {step}');
    expect(goToStep?.samples.join(' ')).not.toContain('{n}');
  });

  it('keeps a sample claimed twice under the first intent only', () => {
    const clash: ContentBundle = {
      ...content,
      intents: content.intents.map((intent) =>
        intent.id === 'steps-left' ? { ...intent, samples: [...intent.samples, 'Next!'] } : intent,
      ),
    };
    const owners = samplesOf(intentsOf(clash)).filter(({ sample }) => sample === 'next');
    expect(owners).toEqual([{ intent: CUSTOM_INTENTS.stepsLeft, sample: 'next' }]);
  });

  it('cleans samples the way Alexa wants them', () => {
    expect(cleanSample('  What’s the Next-Step?! ')).toBe('whats the next step');
    expect(cleanSample("don't stop")).toBe("don't stop");
    expect(cleanSample('go to step 3')).toBeUndefined();
    expect(cleanSample('?!')).toBeUndefined();
    expect(cleanSample(`tell me ${'a'.repeat(200)}`)).toBeUndefined();
  });
});

describe('spoken contractions', () => {
  it('are read back by the normalizer as the words intents/ spells out', () => {
    const misread = SPOKEN_CONTRACTIONS.flatMap(({ long, short }) =>
      short.filter((form) => normalize(form).text !== long).map((form) => `${form} -> ${long}`),
    );
    expect(misread).toEqual([]);
    expect(SPOKEN_CONTRACTIONS.find((c) => c.long === 'let us')?.short).toEqual(["let's", 'lets']);
    expect(SPOKEN_CONTRACTIONS.find((c) => c.long === 'it is')?.short).toEqual(["it's"]);
  });

  it('give each sample its short forms, whole words only', () => {
    expect(spokenForms('let us do {routine}', SPOKEN_CONTRACTIONS)).toEqual([
      'let us do {routine}',
      "let's do {routine}",
      'lets do {routine}',
    ]);
    expect(spokenForms('toilet use', SPOKEN_CONTRACTIONS)).toEqual(['toilet use']);
  });
});

/** What the skill hears from a sample is what the core makes of the same words typed. */
describe('the model and the core', () => {
  const model = languageModel('en-US');
  const samplesOf = (name: string): string[] =>
    model.intents.find((intent) => intent.name === name)?.samples ?? [];

  it('agree on every way of starting a routine, in every frame of its name', () => {
    const disagree = samplesOf(CUSTOM_INTENTS.startRoutine).flatMap((sample, i) => {
      const routine = content.routines[i % content.routines.length]!;
      const said = sample.replace('{routine}', routine.names[0]!);
      const got = classify(said);
      return got.kind === 'routine' && got.id === routine.id
        ? []
        : [`${said}: ${got.kind}/${got.id}`];
    });
    expect(disagree).toEqual([]);
  });

  it('agree on small talk', () => {
    const intents = { ...SMALLTALK_INTENTS, 'AMAZON.HelpIntent': 'help' };
    const disagree = Object.entries(intents).flatMap(([name, id]) =>
      samplesOf(name)
        .filter((said) => {
          const got = classify(said);
          return got.kind !== 'smalltalk' || got.id !== id;
        })
        .map((said) => `${name}: ${said}`),
    );
    expect(disagree).toEqual([]);
  });
});

/**
 * Alexa passes on the slot value without its carrier phrase, so a carrier must not take away words
 * the core needs: what the core makes of the value alone should be what it makes of the whole.
 */
describe('carrier phrases', () => {
  const model = languageModel('en-US');
  const searchIntents = model.intents.filter((intent) =>
    intent.slots?.some((slot) => slot.type === 'AMAZON.SearchQuery'),
  );
  const searchSamples = searchIntents.flatMap((intent) => intent.samples);
  /**
   * "how do i {query}" opens with "how do i " and the core hears only the query; "where should i
   * {query}" (AskWhereIntent) opens with "where should i " and the core hears "where " + the query.
   */
  const openings = searchIntents.flatMap((intent) =>
    intent.samples
      .filter((sample) => sample.endsWith('}'))
      .map((sample) => ({
        carrier: sample.replace(/\{[^}]*\}$/, ''),
        kept: QUESTION_WORD_INTENTS[intent.name] ? `${QUESTION_WORD_INTENTS[intent.name]} ` : '',
      })),
  );
  const tails = searchSamples
    .filter((sample) => sample.startsWith('{'))
    .map((sample) => sample.replace(/^\{[^}]*\}/, ''));
  const outcome = (text: string): string => {
    const o = classify(text);
    return `${o.kind}:${o.id ?? ''}`;
  };
  /** Every slot value Alexa could pass on for `said`: one per carrier it opens or closes with. */
  const slotValues = (said: string): string[] => [
    ...openings
      .filter(({ carrier }) => said.startsWith(carrier) && said.length > carrier.length)
      .map(({ carrier, kept }) => kept + said.slice(carrier.length)),
    ...tails
      .filter((c) => said.endsWith(c) && said.length > c.length)
      .map((c) => said.slice(0, -c.length)),
  ];

  it('include tails after the question as well as openings before it', () => {
    expect(tails).toContain(' how does it work');
    expect(slotValues('kneading the neck how does it work')).toContain('kneading the neck');
  });

  it('keep what the safety router hears', () => {
    const statements = [
      'i hurt my neck',
      'i feel dizzy',
      'i feel faint',
      'i am feeling lightheaded',
      'my arm is numb',
      'i think i am having a stroke',
      'my face is drooping',
      'i can not speak properly',
      'i have the worst headache of my life',
      'i have got pins and needles in my hand',
      'i just injured my neck',
      'i keep getting headaches',
      'i got whiplash',
      'i recently had neck surgery',
      'my husband has a sudden severe headache',
      'is it safe to massage my neck',
      'what if i feel dizzy',
      'my neck is numb does massage help',
      'i get the worst headache of my life when i turn my head what do you think',
      "i'm feeling dizzy",
      "i've hurt my neck",
    ];
    const changed = statements.flatMap((said) =>
      slotValues(said)
        .filter((value) => outcome(value) !== outcome(said))
        .map((value) => `"${said}" → "${value}": ${outcome(value)}, not ${outcome(said)}`),
    );
    expect(changed).toEqual([]);
  });

  it('keep the answer to nearly every question of the answer bank', () => {
    const questions = content.answers.flatMap((answer) =>
      answer.questions.map((q) => cleanSample(q)).filter((q): q is string => q !== undefined),
    );
    const pairs = questions.flatMap((said) => slotValues(said).map((value) => ({ said, value })));
    const changed = pairs.filter(({ said, value }) => outcome(value) !== outcome(said));
    const safety = changed.filter(({ said, value }) =>
      [said, value].some((text) => /^(precaution|emergency)/.test(outcome(text))),
    );
    expect(safety).toEqual([]);
    expect(pairs.length).toBeGreaterThan(300);
    expect(changed.length / pairs.length).toBeLessThan(0.03);
  });
});

describe('staleFiles and writeSkillPackage', () => {
  const files = generateSkillPackage(content);
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'neckbot-skill-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('list missing, changed and left-over files until the package is written again', () => {
    expect(staleFiles(files, root)).toEqual(files.map((file) => file.path));
    writeSkillPackage(files, root);
    expect(staleFiles(files, root)).toEqual([]);

    writeFileSync(join(root, MANIFEST_FILE), '{}\n');
    unlinkSync(join(root, MODELS_DIR, 'en-IN.json'));
    writeFileSync(join(root, MODELS_DIR, 'de-DE.json'), '{}\n');
    expect(staleFiles(files, root)).toEqual([
      MANIFEST_FILE,
      `${MODELS_DIR}/en-IN.json`,
      `${MODELS_DIR}/de-DE.json`,
    ]);

    writeSkillPackage(files, root);
    expect(staleFiles(files, root)).toEqual([]);
  });

  it('writes 2-space JSON with a trailing newline', () => {
    for (const file of files) {
      expect(file.text.endsWith('}\n')).toBe(true);
      expect(file.text).toMatch(/^\{\n {2}"/);
      expect(JSON.parse(file.text)).toBeInstanceOf(Object);
    }
  });
});
