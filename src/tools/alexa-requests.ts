import type { RequestEnvelope } from 'ask-sdk-model';

/**
 * Alexa request envelopes as a device sends them, for tests and benchmarks of the Lambda handler:
 * one session of one user of one skill, `new` only on its first request.
 */
export interface AlexaSession {
  launch(): RequestEnvelope;
  intent(name: string, slots?: Record<string, string>): RequestEnvelope;
}

export function alexaSession(skillId: string, sessionId: string, userId: string): AlexaSession {
  let requests = 0;
  const envelope = (request: Record<string, unknown>): RequestEnvelope => {
    const application = { applicationId: skillId };
    const user = { userId };
    requests++;
    return {
      version: '1.0',
      session: { new: requests === 1, sessionId, application, user, attributes: {} },
      context: {
        System: { application, user, apiEndpoint: 'https://api.amazonalexa.com' },
      },
      request: {
        requestId: `${sessionId}.${requests}`,
        timestamp: new Date().toISOString(),
        locale: 'en-US',
        ...request,
      },
    } as unknown as RequestEnvelope;
  };
  return {
    launch: () => envelope({ type: 'LaunchRequest' }),
    intent: (name, slots = {}) => envelope(intentRequest(name, slots)),
  };
}

/** The `request` of an IntentRequest for `name` with these slot values. */
export function intentRequest(name: string, slots: Record<string, string> = {}) {
  return {
    type: 'IntentRequest',
    intent: {
      name,
      confirmationStatus: 'NONE',
      slots: Object.fromEntries(
        Object.entries(slots).map(([slot, value]) => [
          slot,
          { name: slot, value, confirmationStatus: 'NONE' },
        ]),
      ),
    },
  };
}

/** The spoken text of a response, without SSML tags. */
export function spokenText(
  response: { response?: { outputSpeech?: unknown } } | undefined,
): string {
  const speech = response?.response?.outputSpeech as { ssml?: string; text?: string } | undefined;
  return (speech?.ssml ?? speech?.text ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
