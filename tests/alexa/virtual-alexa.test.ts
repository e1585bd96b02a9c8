import { join } from 'node:path';
import { VirtualAlexa } from 'virtual-alexa';
import { createLambdaHandler } from '../../src/channels/alexa/skill';
import { PROJECT_ROOT } from '../../src/content/load';
import type { Reply } from '../../src/core/reply';
import { readEvalSet } from '../../src/eval/evaluate';
import { silentLogger } from '../../src/logger';
import type { ConversationService } from '../../src/state/conversation-service';
import { memoryConversations } from '../../src/state/defaults';
import { pipeline } from '../helpers/pipeline';

/**
 * Spoken phrasings of the eval set, resolved by virtual-alexa through our generated model.
 * FLOOR is what this release reaches; the target is 90% (virtual-alexa matches sample patterns
 * literally, and routine starts with extra words or questions opening with "tell" still miss).
 */
const FLOOR = 0.7;
const spoken = ['dev', 'test']
  .flatMap((split) => readEvalSet(join(PROJECT_ROOT, 'tests', 'eval', `${split}.jsonl`)))
  .filter((item) => item.style === 'spoken' && item.kind !== 'fallback');

describe('virtual-alexa through the generated interaction model', () => {
  it('brings the expected outcome back for 40+ spoken phrasings, at least at the floor', async () => {
    expect(spoken.length).toBeGreaterThanOrEqual(40);
    let last: Reply | undefined;
    const { service } = memoryConversations(pipeline());
    const spy = {
      handle: async (turn: Parameters<ConversationService['handle']>[0]) =>
        (last = await service.handle(turn)),
    };
    const alexa = VirtualAlexa.Builder()
      .handler(createLambdaHandler(pipeline(), spy as unknown as ConversationService, silentLogger))
      .interactionModelFile(
        join(PROJECT_ROOT, 'skill-package', 'interactionModels', 'custom', 'en-US.json'),
      )
      .create();
    const misses: string[] = [];
    for (const item of spoken) {
      last = undefined;
      await alexa.endSession();
      try {
        await alexa.utter(item.text);
      } catch {
        // virtual-alexa found no sample for it (Alexa itself would send the fallback intent).
      }
      const got = last as Reply | undefined;
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
});
