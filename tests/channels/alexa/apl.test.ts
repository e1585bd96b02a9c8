import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { createSkill } from '../../../src/channels/alexa/skill';
import { silentLogger } from '../../../src/logger';
import { memoryConversations } from '../../../src/state/defaults';
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
