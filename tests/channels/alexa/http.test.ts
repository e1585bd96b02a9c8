import { readConfig } from '../../../src/config';
import { silentLogger } from '../../../src/logger';
import { startServer, type RunningServer } from '../../../src/server';
import { createTestCa, type TestCa } from '../../../src/tools/test-ca';

const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem';
const SKILL_ID = 'amzn1.ask.skill.test';

function envelope(request: Record<string, unknown>, skillId = SKILL_ID): string {
  const application = { applicationId: skillId };
  const user = { userId: 'amzn1.ask.account.http' };
  return JSON.stringify({
    version: '1.0',
    session: {
      new: true,
      sessionId: 'amzn1.echo-api.session.http',
      application,
      user,
      attributes: {},
    },
    context: { System: { application, user, apiEndpoint: 'https://api.amazonalexa.com' } },
    request: { requestId: 'r1', timestamp: new Date().toISOString(), locale: 'en-US', ...request },
  });
}

const launch = () => envelope({ type: 'LaunchRequest' });

let ca: TestCa;
let verified: RunningServer;
let unverified: RunningServer;

async function post(server: RunningServer, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/alexa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const raw = await res.text();
  return {
    status: res.status,
    raw,
    json: (() => {
      try {
        return JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    })(),
  };
}

beforeAll(async () => {
  ca = createTestCa();
  verified = await startServer(readConfig({ PORT: '0', ALEXA_SKILL_ID: SKILL_ID }), silentLogger, {
    alexaVerify: { trustedRoots: [ca.rootPem], fetchCertChain: () => Promise.resolve(ca.chainPem) },
  });
  unverified = await startServer(
    readConfig({ PORT: '0', ALEXA_VERIFY_SIGNATURES: 'false', ALEXA_SKILL_ID: SKILL_ID }),
    silentLogger,
  );
}, 60_000);
afterAll(async () => {
  await verified.close();
  await unverified.close();
});

describe('POST /api/alexa', () => {
  it('accepts a request signed by a trusted chain and answers with SSML', async () => {
    const body = launch();
    const res = await post(verified, body, {
      SignatureCertChainUrl: CERT_URL,
      'Signature-256': ca.sign(body),
    });
    expect(res.status).toBe(200);
    const speech = (res.json?.response as { outputSpeech: { ssml: string } }).outputSpeech.ssml;
    expect(speech).toMatch(/^<speak>.*not medical advice.*<\/speak>$/);
  });

  it('refuses a request whose body changed after signing, and runs no turn', async () => {
    const body = launch();
    const res = await post(verified, body.replace('LaunchRequest', 'IntentRequest'), {
      SignatureCertChainUrl: CERT_URL,
      'Signature-256': ca.sign(body),
    });
    expect(res.status).toBe(400);
    expect(res.raw).not.toContain('outputSpeech');
  });

  it('refuses a request without signature headers', async () => {
    expect((await post(verified, launch())).status).toBe(400);
  });

  it('with signatures off still checks the skill id and the timestamp', async () => {
    expect((await post(unverified, launch())).status).toBe(200);
    expect(
      (await post(unverified, envelope({ type: 'LaunchRequest' }, 'amzn1.ask.skill.other'))).status,
    ).toBe(400);
    const old = envelope({
      type: 'LaunchRequest',
      timestamp: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    expect((await post(unverified, old)).status).toBe(400);
  });

  it.each([
    ['malformed JSON', '{"version": ', 'application/json', 400],
    [
      'an unknown request type',
      envelope({ type: 'Messaging.MessageReceived' }),
      'application/json',
      400,
    ],
    ['wrong content type', 'hello', 'text/plain', 415],
    [
      'a body over the limit',
      envelope({ type: 'LaunchRequest', padding: 'x'.repeat(200_000) }),
      'application/json',
      413,
    ],
  ])('answers %s with a 4xx and keeps serving', async (_name, body, type, status) => {
    const res = await fetch(`http://127.0.0.1:${unverified.port}/api/alexa`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect(res.status).toBe(status);
    expect((await res.text()).length).toBeLessThan(300);
    expect((await post(unverified, launch())).status).toBe(200);
  });

  it('gives the precaution by voice, and an emergency ends the session', async () => {
    const symptom = (value: string) =>
      envelope({
        type: 'IntentRequest',
        intent: {
          name: 'SymptomIntent',
          confirmationStatus: 'NONE',
          slots: { symptom: { name: 'symptom', value, confirmationStatus: 'NONE' } },
        },
      });
    const dizzy = await post(unverified, symptom('dizzy'));
    expect(dizzy.raw).toMatch(/dizz/i);
    expect((dizzy.json?.response as { shouldEndSession?: boolean }).shouldEndSession).toBe(false);
    const stroke = await post(unverified, symptom('my face is drooping'));
    expect(stroke.raw).toMatch(/emergency number from your phone/i);
    expect((stroke.json?.response as { shouldEndSession?: boolean }).shouldEndSession).toBe(true);
  });
});

describe('configuration', () => {
  it('refuses to start in production with Alexa signatures off', () => {
    expect(() =>
      readConfig({ NODE_ENV: 'production', MicrosoftAppId: 'x', ALEXA_VERIFY_SIGNATURES: 'false' }),
    ).toThrow(/refuses ALEXA_VERIFY_SIGNATURES=false/);
  });
});
