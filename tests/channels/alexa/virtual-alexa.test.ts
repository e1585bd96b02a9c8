import type { RequestEnvelope } from 'ask-sdk-model';
import { join } from 'node:path';
import { VirtualAlexa } from 'virtual-alexa';
import { invocationName } from '../../../src/channels/alexa/model';
import { content } from '../../helpers/language';
import { createLambdaHandler } from '../../../src/channels/alexa/skill';
import { PROJECT_ROOT } from '../../../src/content/load';
import type { Reply } from '../../../src/core/reply';
import { readEvalSet } from '../../../src/eval/evaluate';
import { readSafetySet } from '../../../src/eval/safety-bench';
import { silentLogger } from '../../../src/logger';
import type { ConversationService } from '../../../src/state/conversation-service';
import { memoryConversations } from '../../../src/state/defaults';
import { pipeline } from '../../helpers/pipeline';

const INVOCATION_NAME = invocationName(content());

/**
 * Spoken phrasings of the eval set, resolved by virtual-alexa through our generated model.
 * FLOOR is what this release reaches (63 of 70, the 90% target). What still misses:
 * - four questions the core answers wrongly or not at all as typed text too (answer-bank misses
 *   that `npm run eval` reports as well), so no interaction model can bring them back;
 * - two routine starts that put words of their own around the routine's name (a place, a verb
 *   form of the name): virtual-alexa fills a custom slot only with a listed value, where Alexa
 *   passes on the words it heard and the core finds the routine's name among them;
 * - one goodbye made of two goodbye phrases after "ok": virtual-alexa needs a sample spelling out
 *   that exact sequence.
 */
const FLOOR = 0.9;
/**
 * virtual-alexa 0.7 takes any utterance with "ask", "open", "launch", "talk to" or "tell" anywhere
 * in it, even inside a word, for a LaunchRequest (VirtualAlexa.parseLaunchRequest, private in its
 * types): "tell me about kneading", said in a session, comes back as the welcome. That is a bug of
 * the tool, not of the model: on a device, inside an open session, only a phrase that names the
 * invocation name ("open neck massage coach", "ask neck massage coach to …") launches the skill;
 * anything else is an ordinary utterance resolved against the model. So the library's parsing
 * applies to phrases that name the skill only.
 */
function launchOnlyByInvocationName(alexa: VirtualAlexa): VirtualAlexa {
  type LaunchParser = { parseLaunchRequest(utter: string): string | boolean | undefined };
  const parser = alexa as unknown as LaunchParser;
  const parseLaunchRequest = parser.parseLaunchRequest.bind(alexa);
  const namesSkill = new RegExp(`\\b${INVOCATION_NAME}\\b`, 'i');
  parser.parseLaunchRequest = (utter) =>
    namesSkill.test(utter) ? parseLaunchRequest(utter) : undefined;
  return alexa;
}

/** A virtual device on our skill and generated model, and the last reply the core gave it. */
function virtualDevice(): {
  alexa: VirtualAlexa;
  last: () => Reply | undefined;
  reset: () => void;
  firstTurn: (said: string) => Promise<Reply | undefined>;
} {
  let last: Reply | undefined;
  const { service } = memoryConversations(pipeline());
  const spy = {
    handle: async (turn: Parameters<ConversationService['handle']>[0]) =>
      (last = await service.handle(turn)),
  };
  const handler = createLambdaHandler(
    pipeline(),
    spy as unknown as ConversationService,
    silentLogger,
  );
  const alexa = VirtualAlexa.Builder()
    // virtual-alexa calls Lambda handlers the callback way.
    .handler(
      (event: RequestEnvelope, context: unknown, done: (err: unknown, res?: unknown) => void) => {
        handler(event, context).then(
          (response) => done(null, response),
          (err: unknown) => done(err),
        );
      },
    )
    .interactionModelFile(
      join(PROJECT_ROOT, 'skill-package', 'interactionModels', 'custom', 'en-US.json'),
    )
    .create();
  const device = launchOnlyByInvocationName(alexa);
  return {
    alexa: device,
    last: () => last,
    reset: () => {
      last = undefined;
    },
    /** What the core answered to the words said in a new session (undefined: no turn). */
    firstTurn: async (said: string) => {
      last = undefined;
      await device.endSession();
      try {
        await device.utter(said);
      } catch {
        // no sample for it: Alexa itself would send the fallback intent
      }
      return last;
    },
  };
}

const spoken = ['dev', 'test']
  .flatMap((split) => readEvalSet(join(PROJECT_ROOT, 'tests', 'eval', `${split}.jsonl`)))
  .filter((item) => item.style === 'spoken' && item.kind !== 'fallback');

/** The spoken (ASR-style) lines of the blind safety benchmark's dev split: none is from the bank. */
const spokenSafety = readSafetySet(join(PROJECT_ROOT, 'tests', 'eval', 'safety-dev.jsonl')).filter(
  (item) => item.style === 'spoken' && item.kind !== 'decoy',
);
/**
 * What this release reaches: 59 of the 60 spoken safety lines get a safety reply (43 before the
 * symptom carriers for "it", "this", "ow" and "ouch"; 54 of them with filled pauses left out). A
 * line with no carrier the model knows finds no sample in virtual-alexa; on a device it would be
 * AMAZON.FallbackIntent, whose words the skill never hears. The miss: a statement opening "okay
 * so" (no carrier).
 */
const SAFETY_FLOOR = 0.98;

/**
 * The benchmark writes speech as heard, "um" and "uh" included; Alexa's recognizer leaves filled
 * pauses out of what it passes on, and virtual-alexa matches samples word for word.
 */
function withoutFilledPauses(said: string): string {
  return said
    .split(/\s+/)
    .filter((w) => !/^(um+|uh+|er+|erm)$/i.test(w))
    .join(' ');
}

describe('virtual-alexa through the generated interaction model', () => {
  it('brings 40+ spoken safety phrasings to the safety router, at least at the floor', async () => {
    expect(spokenSafety.length).toBeGreaterThanOrEqual(40);
    const { firstTurn } = virtualDevice();
    const misses: string[] = [];
    for (const item of spokenSafety) {
      const kind = (await firstTurn(withoutFilledPauses(item.text)))?.outcome.kind;
      const safe =
        item.kind === 'emergency'
          ? kind === 'emergency' || kind === 'precaution'
          : kind === item.kind;
      if (!safe) misses.push(`${item.text} -> ${kind ?? 'no turn'} (expected ${item.kind})`);
    }
    const rate = 1 - misses.length / spokenSafety.length;
    if (rate < SAFETY_FLOOR) console.log(misses.join('\n'));
    expect(rate).toBeGreaterThanOrEqual(SAFETY_FLOOR);
  }, 60_000);

  it('brings the expected outcome back for 40+ spoken phrasings, at least at the floor', async () => {
    expect(spoken.length).toBeGreaterThanOrEqual(40);
    const { firstTurn } = virtualDevice();
    const misses: string[] = [];
    for (const item of spoken) {
      const got = await firstTurn(item.text);
      if (got?.outcome.kind !== item.kind || got.outcome.id !== item.id) {
        misses.push(
          `${item.text} -> ${got ? `${got.outcome.kind}/${got.outcome.id}` : 'no turn'} (expected ${item.kind}/${item.id})`,
        );
      }
    }
    const rate = 1 - misses.length / spoken.length;
    if (rate < FLOOR) console.log(misses.join('\n'));
    expect(rate).toBeGreaterThanOrEqual(FLOOR);
  }, 60_000);

  it('still launches on a phrase that names the skill, and only then', async () => {
    const { alexa, last, reset } = virtualDevice();
    await alexa.utter(`open ${INVOCATION_NAME}`);
    expect(last()?.outcome).toMatchObject({ kind: 'smalltalk', id: 'welcome' });

    reset();
    await alexa.endSession();
    await alexa.utter(`ask ${INVOCATION_NAME} to start neck stretches`);
    expect(last()?.outcome).toMatchObject({ kind: 'routine', id: 'neck-stretches' });

    reset();
    await alexa.endSession();
    await alexa.launch();
    reset();
    await alexa.utter('tell me about kneading');
    expect(last()?.outcome).toMatchObject({ kind: 'answer', id: 'technique-kneading' });
  });
});
