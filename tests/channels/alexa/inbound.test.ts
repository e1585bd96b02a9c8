import type { RequestEnvelope } from 'ask-sdk-model';
import { turnFromRequest } from '../../../src/channels/alexa/inbound';

function intentRequest(name: string, query?: string): RequestEnvelope {
  return {
    version: '1.0',
    session: {
      new: false,
      sessionId: 's1',
      application: { applicationId: 'a' },
      user: { userId: 'u1' },
    },
    context: {} as RequestEnvelope['context'],
    request: {
      type: 'IntentRequest',
      requestId: 'r1',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      dialogState: 'COMPLETED',
      intent: {
        name,
        confirmationStatus: 'NONE',
        ...(query
          ? { slots: { query: { name: 'query', value: query, confirmationStatus: 'NONE' } } }
          : {}),
      },
    },
  };
}

describe('Alexa requests as turns', () => {
  it('maps built-in intents to core commands', () => {
    expect(turnFromRequest(intentRequest('AMAZON.NextIntent'))).toMatchObject({
      type: 'intent',
      intent: { name: 'next' },
    });
  });

  it('puts the question word of its intent back in front of the query', () => {
    // "where should i not press on the neck", heard through the carrier "where should i {query}"
    expect(turnFromRequest(intentRequest('AskWhereIntent', 'not press on the neck'))).toMatchObject(
      {
        type: 'text',
        text: 'where not press on the neck',
      },
    );
    expect(turnFromRequest(intentRequest('AskWhenIntent'))).toMatchObject({
      type: 'text',
      text: 'when',
    });
    expect(turnFromRequest(intentRequest('AskQuestionIntent', 'kneading'))).toMatchObject({
      type: 'text',
      text: 'kneading',
    });
  });

  it.each(['constructor', 'toString', '__proto__'])(
    'treats an unknown intent named "%s" as words, never as an inherited property',
    (name) => {
      const turn = turnFromRequest(intentRequest(name, 'is it safe to massage my neck'));
      expect(turn).toMatchObject({ type: 'text', text: 'is it safe to massage my neck' });
      expect(turn.intent).toBeUndefined();
    },
  );
});
