import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { createSkill } from '../../../src/channels/alexa/skill';
import { silentLogger } from '../../../src/logger';
import { memoryConversations } from '../../../src/state/defaults';
import { AlexaUser, type Exchange } from '../../helpers/alexa-user';
import { pipeline } from '../../helpers/pipeline';

function startStretches(supportedInterfaces: Record<string, unknown>): RequestEnvelope {
  const application = { applicationId: 'amzn1.ask.skill.apl' };
  const user = { userId: 'amzn1.ask.account.apl' };
  return {
    version: '1.0',
    session: { new: true, sessionId: 'apl-session', application, user, attributes: {} },
    context: {
      System: {
        application,
        user,
        apiEndpoint: 'https://api.amazonalexa.com',
        device: { deviceId: 'd', supportedInterfaces },
      },
    },
    request: {
      type: 'IntentRequest',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      dialogState: 'COMPLETED',
      intent: {
        name: 'StartRoutineIntent',
        confirmationStatus: 'NONE',
        slots: {
          routine: { name: 'routine', value: 'neck stretches', confirmationStatus: 'NONE' },
        },
      },
    },
  };
}

describe('APL on devices with a screen', () => {
  const skill = () =>
    createSkill(pipeline(), memoryConversations(pipeline()).service, silentLogger);

  it('shows the routine step (title, "Step 1 of 6", instruction) where APL is supported', async () => {
    const response: ResponseEnvelope = await skill().invoke(
      startStretches({ 'Alexa.Presentation.APL': { runtime: { maxVersion: '2023.3' } } }),
    );
    const directive = response.response.directives?.[0] as {
      type: string;
      datasources: { coach: { title: string; progress: string; body: string } };
    };
    expect(directive.type).toBe('Alexa.Presentation.APL.RenderDocument');
    expect(directive.datasources.coach.progress).toBe('Step 1 of 6');
    expect(directive.datasources.coach.title).toMatch(/stretches/i);
    expect(directive.datasources.coach.body).not.toMatch(/\*\*/);
  });

  it('sends no APL to a speaker without a screen', async () => {
    const response = await skill().invoke(startStretches({}));
    expect(response.response.directives ?? []).toHaveLength(0);
  });
});

describe('APL touch buttons and hold timer', () => {
  type Coach = {
    buttons: { label: string; value: string }[];
    holdSeconds: number;
    holdStartsAfterMs: number;
    holdLabel: string;
  };
  const coachOf = (e: Exchange) =>
    (e.response.response.directives?.[0] as unknown as { datasources: { coach: Coach } })
      .datasources.coach;

  it('a step screen has Back, Repeat, Next and Stop, each a SendEvent of its spoken command', async () => {
    const user = new AlexaUser(true);
    const step = await user.intent('StartRoutineIntent', { routine: 'neck stretches' });
    expect(coachOf(step).buttons.map((b) => b.value)).toEqual(['back', 'repeat', 'next', 'stop']);
    const document = JSON.stringify(step.response.response.directives?.[0]);
    expect(document).toContain('"type":"SendEvent","arguments":["${data.value}"]');
  });

  it('a touch does what the spoken command does, through the same core', async () => {
    const touched = new AlexaUser(true);
    const spoken = new AlexaUser(true);
    for (const u of [touched, spoken]) {
      await u.intent('StartRoutineIntent', { routine: 'neck stretches' });
    }
    const next = await touched.touch(['next']);
    const said = await spoken.intent('AMAZON.NextIntent');
    expect(next.reply.outcome).toEqual(said.reply.outcome);
    expect(next.ssml).toBe(said.ssml);
    expect(next.reply.routine?.step).toBe(2);
    expect((await touched.touch(['back'])).reply.routine?.step).toBe(1);
    expect((await touched.touch(['repeat'])).reply.outcome.id).toBe('repeat');
    const stop = await touched.touch(['stop']);
    expect(stop.response.response.shouldEndSession).toBe(true);
    expect(stop.reply.outcome.id).toBe('pause');
  });

  it('a touch with no usable argument gets the fallback, not an error', async () => {
    const user = new AlexaUser(true);
    for (const args of [[], [42], ['x'.repeat(500)]]) {
      const e = await user.touch(args);
      expect(e.reply.outcome.kind).toBe('fallback');
      expect(e.response.response.shouldEndSession).toBe(false);
    }
  });

  it('a held step shows a timer of the hold, starting after the words before it', async () => {
    const user = new AlexaUser(true);
    await user.intent('StartRoutineIntent', { routine: 'neck stretches' });
    const hold = coachOf(await user.intent('AMAZON.NextIntent'));
    expect(hold.holdLabel).toBe('Hold for 10 seconds.');
    expect(hold.holdSeconds).toBeGreaterThanOrEqual(10);
    expect(hold.holdSeconds).toBeLessThan(13);
    expect(hold.holdStartsAfterMs).toBeGreaterThan(5_000);
    const first = coachOf(await user.intent('AMAZON.StartOverIntent'));
    expect(first.holdSeconds).toBe(0);
  });
});
