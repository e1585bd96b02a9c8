import { sign } from 'node:crypto';
import forge from 'node-forge';
import { cachedCertChainFetcher } from '../../../src/channels/alexa/cert-cache';
import {
  verifyAlexaRequest,
  type VerifyOptions,
  type VerifyResult,
} from '../../../src/channels/alexa/verify';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const DAY = 86_400_000;
const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem';
const SKILL_ID = 'amzn1.ask.skill.00000000-test';
const ALEXA_SAN = 'echo-api.amazon.com';

type Headers = Record<string, string | string[] | undefined>;

interface CertAndKeys {
  cert: forge.pki.Certificate;
  keys: forge.pki.rsa.KeyPair;
  pem: string;
}

interface CertSpec {
  commonName: string;
  keys: forge.pki.rsa.KeyPair;
  /** Signs the certificate and names its issuer; omitted for a self-signed root. */
  issuer?: CertAndKeys;
  isCa?: boolean;
  dnsName?: string;
  notBefore?: number;
  notAfter?: number;
}

let serialNumber = 0;

function makeCert(spec: CertSpec): CertAndKeys {
  const cert = forge.pki.createCertificate();
  serialNumber += 1;
  cert.serialNumber = serialNumber.toString(16).padStart(2, '0');
  cert.publicKey = spec.keys.publicKey;
  cert.validity.notBefore = new Date(spec.notBefore ?? NOW - 30 * DAY);
  cert.validity.notAfter = new Date(spec.notAfter ?? NOW + 365 * DAY);
  const subject = [{ name: 'commonName', value: spec.commonName }];
  cert.setSubject(subject);
  cert.setIssuer(spec.issuer ? spec.issuer.cert.subject.attributes : subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: spec.isCa ?? false, critical: true },
    spec.isCa
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, critical: true },
    ...(spec.dnsName
      ? [{ name: 'subjectAltName', altNames: [{ type: 2, value: spec.dnsName }] }]
      : []),
  ]);
  cert.sign((spec.issuer ?? { keys: spec.keys }).keys.privateKey, forge.md.sha256.create());
  return { cert, keys: spec.keys, pem: forge.pki.certificateToPem(cert) };
}

function generateKeys(): forge.pki.rsa.KeyPair {
  return forge.pki.rsa.generateKeyPair({ bits: 2048 });
}

function chainPem(...certs: CertAndKeys[]): string {
  return certs.map((c) => c.pem).join('\n');
}

/** The test certificate authority and every certificate the tests present. */
interface TestPki {
  root: CertAndKeys;
  intermediate: CertAndKeys;
  leaf: CertAndKeys;
  goodChain: string;
  expiredChain: string;
  notYetValidChain: string;
  wrongNameChain: string;
  untrustedChain: string;
  impostorIntermediateChain: string;
  nonCaIssuerChain: string;
  leafOnlyChain: string;
  otherKeys: forge.pki.rsa.KeyPair;
}

function buildTestPki(): TestPki {
  const [rootKeys, intermediateKeys, leafKeys, otherKeys] = [1, 2, 3, 4].map(generateKeys);
  if (!rootKeys || !intermediateKeys || !leafKeys || !otherKeys) throw new Error('no keys');

  const root = makeCert({ commonName: 'Test Root CA', keys: rootKeys, isCa: true });
  const intermediate = makeCert({
    commonName: 'Test Intermediate CA',
    keys: intermediateKeys,
    issuer: root,
    isCa: true,
  });
  const leafWith = (overrides: Partial<CertSpec>): CertAndKeys =>
    makeCert({
      commonName: ALEXA_SAN,
      keys: leafKeys,
      issuer: intermediate,
      dnsName: ALEXA_SAN,
      ...overrides,
    });
  const leaf = leafWith({});

  const otherRoot = makeCert({ commonName: 'Other Root CA', keys: otherKeys, isCa: true });
  // Named like the real intermediate, naming the trusted root as issuer, but signed by another key.
  const impostorIntermediate = makeCert({
    commonName: 'Test Intermediate CA',
    keys: intermediateKeys,
    issuer: { ...root, keys: otherKeys },
    isCa: true,
  });
  const leafIssuedByLeaf = leafWith({ keys: otherKeys, issuer: leaf });

  return {
    root,
    intermediate,
    leaf,
    goodChain: chainPem(leaf, intermediate),
    expiredChain: chainPem(leafWith({ notAfter: NOW - DAY }), intermediate),
    notYetValidChain: chainPem(leafWith({ notBefore: NOW + DAY }), intermediate),
    wrongNameChain: chainPem(leafWith({ dnsName: 'echo-api.example.com' }), intermediate),
    untrustedChain: chainPem(leafWith({ issuer: otherRoot }), otherRoot),
    impostorIntermediateChain: chainPem(leaf, impostorIntermediate),
    nonCaIssuerChain: chainPem(leafIssuedByLeaf, leaf, intermediate),
    leafOnlyChain: chainPem(leaf),
    otherKeys,
  };
}

let pki: TestPki;

beforeAll(() => {
  pki = buildTestPki();
});

interface BodyFields {
  timestamp?: string;
  applicationId?: string;
}

function alexaBody(fields: BodyFields = {}): string {
  const application = { applicationId: fields.applicationId ?? SKILL_ID };
  return JSON.stringify({
    version: '1.0',
    session: { new: true, sessionId: 'session-1', application, user: { userId: 'user-1' } },
    context: { System: { application, user: { userId: 'user-1' } } },
    request: {
      type: 'LaunchRequest',
      requestId: 'request-1',
      timestamp: fields.timestamp ?? new Date(NOW).toISOString(),
      locale: 'en-US',
    },
  });
}

function signBody(body: string, keys: forge.pki.rsa.KeyPair = pki.leaf.keys): string {
  const privateKeyPem = forge.pki.privateKeyToPem(keys.privateKey);
  return sign('sha256', Buffer.from(body), privateKeyPem).toString('base64');
}

function signedHeaders(body: string, certUrl = CERT_URL): Headers {
  return { signaturecertchainurl: certUrl, 'signature-256': signBody(body) };
}

function options(overrides: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    skillId: SKILL_ID,
    verifySignatures: true,
    now: () => NOW,
    trustedRoots: [pki.root.pem],
    fetchCertChain: () => Promise.resolve(pki.goodChain),
    ...overrides,
  };
}

function reasonOf(result: VerifyResult): string {
  return result.ok ? 'accepted' : result.reason;
}

async function verifySigned(body: string, overrides: Partial<VerifyOptions> = {}) {
  return verifyAlexaRequest(signedHeaders(body), Buffer.from(body), options(overrides));
}

describe('verifyAlexaRequest with signatures', () => {
  test('accepts a properly signed request and returns its parsed body', async () => {
    const body = alexaBody();
    const fetchCertChain = jest.fn(() => Promise.resolve(pki.goodChain));

    const result = await verifySigned(body, { fetchCertChain });

    expect(result).toEqual({ ok: true, body: JSON.parse(body) as unknown });
    expect(fetchCertChain).toHaveBeenCalledWith(CERT_URL);
  });

  test('accepts header names in any case and the body as a string', async () => {
    const body = alexaBody();
    const headers = { SignatureCertChainUrl: CERT_URL, 'SIGNATURE-256': signBody(body) };

    expect(reasonOf(await verifyAlexaRequest(headers, body, options()))).toBe('accepted');
  });

  test.each([
    ['explicit port 443', 'https://s3.amazonaws.com:443/echo.api/echo-api-cert-12.pem'],
    ['upper-case scheme and host', 'HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert-12.pem'],
    ['.. that stays inside /echo.api/', 'https://s3.amazonaws.com/echo.api/../echo.api/cert.pem'],
  ])('accepts a certificate URL with %s, fetching it normalised', async (_label, certUrl) => {
    const body = alexaBody();
    const fetchCertChain = jest.fn(() => Promise.resolve(pki.goodChain));

    const result = await verifyAlexaRequest(signedHeaders(body, certUrl), body, {
      ...options({ fetchCertChain }),
    });

    expect(reasonOf(result)).toBe('accepted');
    expect(fetchCertChain).toHaveBeenCalledWith(new URL(certUrl).href);
    expect(new URL(certUrl).href).toMatch(/^https:\/\/s3\.amazonaws\.com\/echo\.api\//);
  });

  test.each([
    ['wrong host', 'https://notamazon.com/echo.api/echo-api-cert.pem', /host/],
    ['look-alike host', 'https://s3.amazonaws.com.evil.example/echo.api/cert.pem', /host/],
    ['missing /echo.api prefix', 'https://s3.amazonaws.com/echo-api-cert.pem', /path/],
    ['/echo.api without the slash', 'https://s3.amazonaws.com/echo.apix/cert.pem', /path/],
    ['wrong path case', 'https://s3.amazonaws.com/echo.API/echo-api-cert.pem', /path/],
    ['http scheme', 'http://s3.amazonaws.com/echo.api/echo-api-cert.pem', /https/],
    ['port 8443', 'https://s3.amazonaws.com:8443/echo.api/echo-api-cert.pem', /port/],
    ['.. out of /echo.api/', 'https://s3.amazonaws.com/echo.api/../evil/cert.pem', /path/],
    ['encoded .. out of /echo.api/', 'https://s3.amazonaws.com/echo.api/%2e%2e/cert.pem', /path/],
    ['credentials', 'https://me@s3.amazonaws.com/echo.api/cert.pem', /credentials/],
    ['no URL at all', 'not a url', /not a valid URL/],
  ])('rejects a certificate URL with %s without fetching it', async (_label, certUrl, reason) => {
    const body = alexaBody();
    const fetchCertChain = jest.fn(() => Promise.resolve(pki.goodChain));

    const result = await verifyAlexaRequest(
      signedHeaders(body, certUrl),
      body,
      options({ fetchCertChain }),
    );

    expect(reasonOf(result)).toMatch(reason);
    expect(fetchCertChain).not.toHaveBeenCalled();
  });

  test.each([
    ['an expired certificate', 'expiredChain', /certificate has expired/],
    ['a not-yet-valid certificate', 'notYetValidChain', /certificate is not yet valid/],
    ['a certificate for another name', 'wrongNameChain', /not for echo-api\.amazon\.com/],
    ['a chain to an untrusted root', 'untrustedChain', /not trusted/],
    ['an impostor intermediate', 'impostorIntermediateChain', /not trusted/],
    ['a chain without its intermediate', 'leafOnlyChain', /not trusted/],
    ['a certificate issued by a non-CA', 'nonCaIssuerChain', /broken/],
  ] as const)('rejects %s', async (_label, chainName, reason) => {
    const chain = pki[chainName];
    const result = await verifySigned(alexaBody(), {
      fetchCertChain: () => Promise.resolve(chain),
    });

    expect(reasonOf(result)).toMatch(reason);
  });

  test('checks a chain once, yet every request for its own signature, timestamp and validity', async () => {
    // One options object for all requests, as a server has: the checked chain is remembered.
    let now = NOW;
    const fetchCertChain = jest.fn(() => Promise.resolve(pki.goodChain));
    const shared = options({ fetchCertChain, trustedRoots: [pki.root.pem], now: () => now });
    const body = alexaBody();
    const verify = (b: string, headers = signedHeaders(b)) =>
      verifyAlexaRequest(headers, Buffer.from(b), shared).then(reasonOf);

    expect(await verify(body)).toBe('accepted');
    expect(await verify(body)).toBe('accepted');
    const tampered = body.replace('session-1', 'session-2');
    expect(await verify(tampered, signedHeaders(body))).toMatch(/signature does not match body/);
    now = NOW + 366 * DAY; // past every certificate's notAfter (a year by default)
    const later = alexaBody({ timestamp: new Date(now).toISOString() });
    expect(await verify(later)).toMatch(/certificate has expired/);
    expect(fetchCertChain).toHaveBeenCalledTimes(4);
  });

  test('a remembered untrusted chain stays rejected', async () => {
    const shared = options({ fetchCertChain: () => Promise.resolve(pki.untrustedChain) });
    for (let i = 0; i < 3; i++) {
      const body = alexaBody();
      expect(
        reasonOf(await verifyAlexaRequest(signedHeaders(body), Buffer.from(body), shared)),
      ).toMatch(/not trusted/);
    }
  });

  test('rejects a chain whose leaf is not first', async () => {
    const result = await verifySigned(alexaBody(), {
      fetchCertChain: () => Promise.resolve(chainPem(pki.intermediate, pki.leaf)),
    });

    expect(reasonOf(result)).toMatch(/certificate is not for echo-api\.amazon\.com/);
  });

  test('rejects a chain that cannot be fetched, is empty or is not PEM', async () => {
    const body = alexaBody();
    const fetchFails = () => Promise.reject(new Error('timeout'));
    const notPem = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----';

    expect(reasonOf(await verifySigned(body, { fetchCertChain: fetchFails }))).toMatch(/fetch/);
    const empty = await verifySigned(body, { fetchCertChain: () => Promise.resolve('') });
    expect(reasonOf(empty)).toMatch(/empty/);
    const garbled = await verifySigned(body, { fetchCertChain: () => Promise.resolve(notPem) });
    expect(reasonOf(garbled)).toMatch(/not valid PEM/);
  });

  test('rejects a signature made with another key', async () => {
    const body = alexaBody();
    const headers = { ...signedHeaders(body), 'signature-256': signBody(body, pki.otherKeys) };

    const result = await verifyAlexaRequest(headers, body, options());

    expect(reasonOf(result)).toMatch(/signature does not match/);
  });

  test('rejects a body changed after signing', async () => {
    const body = alexaBody();
    const headers = signedHeaders(body);
    const changed = body.replace('LaunchRequest', 'SessionEndedRequest');

    const result = await verifyAlexaRequest(headers, changed, options());

    expect(reasonOf(result)).toMatch(/signature does not match/);
  });

  test('verifies the raw bytes, not a re-serialisation of the JSON', async () => {
    const body = alexaBody().replace('{', '{ ');
    const reserialised = JSON.stringify(JSON.parse(body));
    const headers = signedHeaders(reserialised);

    expect(reasonOf(await verifyAlexaRequest(headers, body, options()))).toMatch(/signature/);
  });

  test('rejects a signature that is not base64', async () => {
    const body = alexaBody();
    const headers = { ...signedHeaders(body), 'signature-256': 'not*base64' };

    expect(reasonOf(await verifyAlexaRequest(headers, body, options()))).toMatch(/not base64/);
  });

  test.each([
    ['SignatureCertChainUrl', 'signaturecertchainurl'],
    ['Signature-256', 'signature-256'],
  ])('rejects a request without the %s header', async (name, key) => {
    const body = alexaBody();
    const headers = { ...signedHeaders(body), [key]: undefined };

    const result = await verifyAlexaRequest(headers, body, options());

    expect(reasonOf(result)).toBe(`missing or repeated ${name} header`);
  });

  test('rejects a repeated signature header', async () => {
    const body = alexaBody();
    const signature = signBody(body);
    const headers = { ...signedHeaders(body), 'signature-256': [signature, signature] };

    const result = await verifyAlexaRequest(headers, body, options());

    expect(reasonOf(result)).toMatch(/missing or repeated Signature-256/);
  });
});

describe('verifyAlexaRequest body, timestamp and skill id', () => {
  test.each([
    ['with signatures', true],
    ['without signatures', false],
  ])('rejects a non-JSON body %s', async (_label, verifySignatures) => {
    const body = '{"request": ';
    const result = await verifyAlexaRequest(
      signedHeaders(body),
      body,
      options({ verifySignatures }),
    );

    expect(reasonOf(result)).toBe('body is not valid JSON');
  });

  test.each([
    ['150 s old', 'accepted', -150_000],
    ['150 s ahead', 'accepted', 150_000],
    ['151 s old', 'request timestamp is more than 150 s from now', -151_000],
    ['151 s ahead', 'request timestamp is more than 150 s from now', 151_000],
  ])('a timestamp %s is %s', async (_label, expected, offset) => {
    const body = alexaBody({ timestamp: new Date(NOW + offset).toISOString() });

    expect(reasonOf(await verifySigned(body))).toBe(expected);
  });

  test('rejects a missing or unreadable timestamp', async () => {
    const body = alexaBody({ timestamp: 'yesterday-ish' });

    expect(reasonOf(await verifySigned(body))).toMatch(/timestamp is missing or invalid/);
  });

  test('rejects a request for another skill', async () => {
    const body = alexaBody({ applicationId: 'amzn1.ask.skill.someone-else' });

    expect(reasonOf(await verifySigned(body))).toMatch(/application id does not match/);
  });

  test('rejects a request whose context and session disagree on the skill', async () => {
    const parsed = JSON.parse(alexaBody()) as { session: { application: object } };
    parsed.session.application = { applicationId: 'amzn1.ask.skill.someone-else' };
    const body = JSON.stringify(parsed);

    expect(reasonOf(await verifySigned(body))).toMatch(/application id does not match/);
  });

  test('accepts any skill id when none is configured', async () => {
    const body = alexaBody({ applicationId: 'amzn1.ask.skill.someone-else' });

    expect(reasonOf(await verifySigned(body, { skillId: undefined }))).toBe('accepted');
  });

  describe('with signatures off', () => {
    const unsigned = (overrides: Partial<VerifyOptions> = {}) =>
      options({
        verifySignatures: false,
        fetchCertChain: () => Promise.reject(new Error('must not fetch')),
        ...overrides,
      });

    test('accepts a request without signature headers', async () => {
      const body = alexaBody();

      expect(await verifyAlexaRequest({}, body, unsigned())).toEqual({
        ok: true,
        body: JSON.parse(body) as unknown,
      });
    });

    test('still rejects an old timestamp', async () => {
      const body = alexaBody({ timestamp: new Date(NOW - 151_000).toISOString() });

      expect(reasonOf(await verifyAlexaRequest({}, body, unsigned()))).toMatch(/timestamp/);
    });

    test('still rejects a wrong skill id', async () => {
      const body = alexaBody({ applicationId: 'amzn1.ask.skill.someone-else' });

      expect(reasonOf(await verifyAlexaRequest({}, body, unsigned()))).toMatch(/application id/);
    });

    test('rejects JSON that is not an Alexa request', async () => {
      expect(reasonOf(await verifyAlexaRequest({}, '42', unsigned()))).toMatch(/timestamp/);
    });
  });
});

describe('cachedCertChainFetcher', () => {
  function setup(maxEntries = 2) {
    let clock = 0;
    const fetchChain = jest.fn((url: string) => Promise.resolve(`pem for ${url}`));
    const fetcher = cachedCertChainFetcher(fetchChain, {
      maxEntries,
      now: () => clock,
      expiresAt: () => 1_000,
    });
    return { fetcher, fetchChain, advanceTo: (ms: number) => (clock = ms) };
  }

  test('serves a URL from the cache until its chain expires', async () => {
    const { fetcher, fetchChain, advanceTo } = setup();

    await fetcher('a');
    advanceTo(999);
    expect(await fetcher('a')).toBe('pem for a');
    expect(fetchChain).toHaveBeenCalledTimes(1);
    advanceTo(1_000);
    await fetcher('a');
    expect(fetchChain).toHaveBeenCalledTimes(2);
  });

  test('keeps at most maxEntries, dropping the least recently used', async () => {
    const { fetcher, fetchChain } = setup(2);

    await fetcher('a');
    await fetcher('b');
    await fetcher('a');
    await fetcher('c');
    await fetcher('a');
    expect(fetchChain.mock.calls.map(([url]) => url)).toEqual(['a', 'b', 'c']);
    await fetcher('b');
    expect(fetchChain).toHaveBeenCalledTimes(4);
  });

  test('shares one fetch between concurrent requests for a URL', async () => {
    const { fetcher, fetchChain } = setup();

    await Promise.all([fetcher('a'), fetcher('a')]);
    expect(fetchChain).toHaveBeenCalledTimes(1);
  });

  test('remembers a failure briefly: no new fetch until failureTtlMs has passed', async () => {
    let clock = 0;
    const fetchChain = jest
      .fn<Promise<string>, [string]>()
      .mockImplementationOnce(() => {
        throw new Error('network down');
      })
      .mockResolvedValue('pem');
    const fetcher = cachedCertChainFetcher(fetchChain, {
      maxEntries: 2,
      expiresAt: () => 1e15,
      failureTtlMs: 30_000,
      now: () => clock,
    });

    await expect(fetcher('a')).rejects.toThrow('network down');
    clock = 29_999;
    await expect(fetcher('a')).rejects.toThrow('fetch failed moments ago');
    expect(fetchChain).toHaveBeenCalledTimes(1);
    clock = 30_000;
    expect(await fetcher('a')).toBe('pem');
    expect(fetchChain).toHaveBeenCalledTimes(2);
  });

  test('runs at most maxConcurrent fetches at once; further misses fail at once', async () => {
    const release: Array<() => void> = [];
    let hold = true;
    const fetchChain = jest.fn((url: string) =>
      hold
        ? new Promise<string>((resolve) => release.push(() => resolve(`pem ${url}`)))
        : Promise.resolve(`pem ${url}`),
    );
    const fetcher = cachedCertChainFetcher(fetchChain, {
      maxEntries: 16,
      expiresAt: () => 1e15,
      maxConcurrent: 4,
    });
    const pending = ['a', 'b', 'c', 'd'].map((url) => fetcher(url));
    await expect(fetcher('e')).rejects.toThrow('too many fetches in flight');
    // A URL already being fetched shares that fetch, whatever the cap.
    const again = fetcher('a');
    await new Promise((r) => setImmediate(r));
    expect(fetchChain).toHaveBeenCalledTimes(4);
    hold = false;
    release.forEach((r) => r());
    await Promise.all([...pending, again]);
    expect(await fetcher('e')).toBe('pem e');
  });

  test('starts at most maxPerMinute fetches a minute, whatever the URLs', async () => {
    let clock = 0;
    const fetchChain = jest.fn(() => Promise.reject(new Error('no such chain')));
    const fetcher = cachedCertChainFetcher(fetchChain, {
      maxEntries: 16,
      expiresAt: () => 1e15,
      maxPerMinute: 30,
      now: () => clock,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => fetcher(`https://s3.amazonaws.com/echo.api/${i}.pem`)),
    );
    expect(fetchChain).toHaveBeenCalledTimes(4); // the concurrency cap bites first
    for (let i = 100; i < 200; i++) {
      await fetcher(`https://s3.amazonaws.com/echo.api/${i}.pem`).catch(() => undefined);
    }
    expect(fetchChain).toHaveBeenCalledTimes(30);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(100);
    clock += 60_000;
    for (let i = 200; i < 300; i++) {
      await fetcher(`https://s3.amazonaws.com/echo.api/${i}.pem`).catch(() => undefined);
    }
    expect(fetchChain).toHaveBeenCalledTimes(60);
  });
});
