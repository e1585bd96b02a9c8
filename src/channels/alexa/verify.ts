import { X509Certificate, verify as verifySignature } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import { cachedCertChainFetcher } from './cert-cache';

/**
 * Verification of requests sent by Alexa to a skill on our own HTTPS endpoint, as Amazon requires:
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html
 */

export interface VerifyOptions {
  /** When set, the request's application id must equal it. */
  skillId?: string;
  verifySignatures: boolean;
  /** Epoch ms; defaults to Date.now. */
  now?: () => number;
  /** PEM certificates; default: Node's tls.rootCertificates. */
  trustedRoots?: string[];
  /** PEM chain, leaf first; default: HTTPS GET (5 s timeout, 64 KiB cap), cached per URL. */
  fetchCertChain?: (url: string) => Promise<string>;
}

export type VerifyResult = { ok: true; body: unknown } | { ok: false; reason: string };

/** A failed check's reason, or undefined when the check passed. */
type CheckFailure = string | undefined;

const CERT_URL_HEADER = 'SignatureCertChainUrl';
const SIGNATURE_HEADER = 'Signature-256';
const ALEXA_CERT_HOST = 's3.amazonaws.com';
const ALEXA_CERT_PATH_PREFIX = '/echo.api/';
const ALEXA_CERT_SAN = 'echo-api.amazon.com';
const MAX_TIMESTAMP_SKEW_MS = 150_000;
const CERT_FETCH_TIMEOUT_MS = 5_000;
const MAX_CERT_CHAIN_BYTES = 64 * 1024;
const MAX_CACHED_CERT_CHAINS = 16;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Checks a request to our Alexa endpoint; never throws. Pass the body exactly as received (a Buffer
 * from the raw request): the signature covers those bytes, not a re-serialisation of the JSON.
 */
export async function verifyAlexaRequest(
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer | string,
  options: VerifyOptions,
  /** The same body already parsed (by the HTTP layer), so it is not parsed twice. */
  parsedBody?: object,
): Promise<VerifyResult> {
  try {
    const bytes = () => (typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
    const parsed: VerifyResult = parsedBody ? { ok: true, body: parsedBody } : parseJson(bytes());
    if (!parsed.ok) return parsed;
    const now = (options.now ?? Date.now)();
    const signatureFailure = options.verifySignatures
      ? await checkSignature(headers, bytes(), now, options)
      : undefined;
    const failure =
      signatureFailure ??
      checkTimestamp(parsed.body, now) ??
      checkApplicationId(parsed.body, options.skillId);
    return failure === undefined ? parsed : { ok: false, reason: failure };
  } catch {
    return { ok: false, reason: 'request verification failed' };
  }
}

function parseJson(bodyBytes: Buffer): VerifyResult {
  try {
    return { ok: true, body: JSON.parse(bodyBytes.toString('utf8')) as unknown };
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
}

async function checkSignature(
  headers: Record<string, string | string[] | undefined>,
  bodyBytes: Buffer,
  now: number,
  options: VerifyOptions,
): Promise<CheckFailure> {
  const certUrl = headerValue(headers, CERT_URL_HEADER);
  const signature = headerValue(headers, SIGNATURE_HEADER);
  if (certUrl === undefined) return `missing or repeated ${CERT_URL_HEADER} header`;
  if (signature === undefined) return `missing or repeated ${SIGNATURE_HEADER} header`;

  const url = parseCertChainUrl(certUrl);
  if (typeof url === 'string') return url;

  let pem: string;
  try {
    pem = await (options.fetchCertChain ?? defaultFetchCertChain)(url.href);
  } catch {
    return 'could not fetch certificate chain';
  }
  const chain = checkedChain(pem, trustedRootCertificates(options.trustedRoots));
  if (typeof chain === 'string') return chain;
  return (
    checkValidity(chain.validity, now) ??
    chain.failure ??
    checkBodySignature(chain.leaf, signature, bodyBytes)
  );
}

/** What a certificate chain says regardless of the request: checked once per chain and roots. */
interface CheckedChain {
  leaf: X509Certificate;
  /** Each certificate's [validFrom, validTo] in epoch ms, leaf first. */
  validity: Array<[number, number]>;
  /** The name and chain-of-trust checks' outcome. */
  failure: CheckFailure;
}

const checkedChains = new WeakMap<X509Certificate[], Map<string, CheckedChain>>();

/**
 * The chain parsed and checked for name and trust, remembered by its exact PEM text (the same
 * bytes always check the same way), so a request only pays for the validity dates and the
 * signature over its body. A few chains per set of roots, like the fetch cache.
 */
function checkedChain(pem: string, roots: X509Certificate[]): CheckedChain | string {
  let byPem = checkedChains.get(roots);
  if (!byPem) checkedChains.set(roots, (byPem = new Map<string, CheckedChain>()));
  const known = byPem.get(pem);
  if (known) return known;
  let certs: X509Certificate[];
  try {
    certs = parseCertificates(pem);
  } catch {
    return 'certificate chain is not valid PEM';
  }
  const [leaf] = certs;
  if (leaf === undefined) return 'certificate chain is empty';
  const checked: CheckedChain = {
    leaf,
    validity: certs.map((c) => [Date.parse(c.validFrom), Date.parse(c.validTo)]),
    failure: checkSubjectAltName(leaf) ?? checkChainOfTrust(certs, roots),
  };
  byPem.set(pem, checked);
  for (const oldest of byPem.keys()) {
    if (byPem.size <= MAX_CACHED_CERT_CHAINS) break;
    byPem.delete(oldest);
  }
  return checked;
}

/** A header's single value, whatever the case of its name; undefined if absent or repeated. */
function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  const values = Object.entries(headers)
    .filter(([key]) => key.toLowerCase() === wanted)
    .flatMap(([, value]) => (value === undefined ? [] : [value].flat()));
  return values.length === 1 ? values[0] : undefined;
}

/** The normalised certificate URL, or why it is not one of Amazon's. */
function parseCertChainUrl(certUrl: string): URL | string {
  let url: URL;
  try {
    url = new URL(certUrl); // resolves `.` and `..` segments and lower-cases scheme and host
  } catch {
    return 'certificate URL is not a valid URL';
  }
  if (url.protocol !== 'https:') return 'certificate URL must use https';
  if (url.hostname !== ALEXA_CERT_HOST) return `certificate URL host must be ${ALEXA_CERT_HOST}`;
  // URL drops the scheme's default port, so any port left here is not 443.
  if (url.port !== '') return 'certificate URL port must be 443';
  if (url.username !== '' || url.password !== '') {
    return 'certificate URL must not carry credentials';
  }
  if (!url.pathname.startsWith(ALEXA_CERT_PATH_PREFIX)) {
    return `certificate URL path must start with ${ALEXA_CERT_PATH_PREFIX}`;
  }
  return url;
}

function parseCertificates(pem: string): X509Certificate[] {
  return (pem.match(PEM_CERTIFICATE) ?? []).map((block) => new X509Certificate(block));
}

/** Every certificate in the chain must be valid now; the leaf is Amazon's stated requirement. */
function checkValidity(validity: Array<[number, number]>, now: number): CheckFailure {
  for (const [index, [from, to]] of validity.entries()) {
    const which = index === 0 ? 'certificate' : 'chain certificate';
    if (now < from) return `${which} is not yet valid`;
    if (now > to) return `${which} has expired`;
  }
  return undefined;
}

function checkSubjectAltName(leaf: X509Certificate): CheckFailure {
  const dnsNames = (leaf.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length).toLowerCase());
  return dnsNames.includes(ALEXA_CERT_SAN) ? undefined : `certificate is not for ${ALEXA_CERT_SAN}`;
}

/** Each certificate is signed by the next; the last is, or is signed by, a trusted root. */
function checkChainOfTrust(chain: X509Certificate[], roots: X509Certificate[]): CheckFailure {
  const [leaf, ...issuers] = chain;
  if (leaf === undefined) return 'certificate chain is empty';
  let subject = leaf;
  for (const issuer of issuers) {
    if (!isIssuedBy(subject, issuer)) return 'certificate chain is broken';
    subject = issuer;
  }
  const top = subject;
  const trusted = roots.some((root) => root.raw.equals(top.raw) || isIssuedBy(top, root));
  return trusted ? undefined : 'certificate chain is not trusted';
}

function isIssuedBy(subject: X509Certificate, issuer: X509Certificate): boolean {
  return issuer.ca && subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
}

function checkBodySignature(
  leaf: X509Certificate,
  signature: string,
  bodyBytes: Buffer,
): CheckFailure {
  const encoded = signature.trim();
  if (!BASE64.test(encoded)) return `${SIGNATURE_HEADER} is not base64`;
  if (leaf.publicKey.asymmetricKeyType !== 'rsa') return 'certificate key is not RSA';
  const matches = verifySignature(
    'sha256',
    bodyBytes,
    leaf.publicKey,
    Buffer.from(encoded, 'base64'),
  );
  return matches ? undefined : 'signature does not match body';
}

function checkTimestamp(body: unknown, now: number): CheckFailure {
  const timestamp = valueAt(body, ['request', 'timestamp']);
  const time = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(time)) return 'request timestamp is missing or invalid';
  const maxSkewSeconds = MAX_TIMESTAMP_SKEW_MS / 1000;
  return Math.abs(now - time) > MAX_TIMESTAMP_SKEW_MS
    ? `request timestamp is more than ${maxSkewSeconds} s from now`
    : undefined;
}

/** Every application id the request carries must be the skill's; at least one must be there. */
function checkApplicationId(body: unknown, skillId: string | undefined): CheckFailure {
  if (skillId === undefined) return undefined;
  const ids = [
    valueAt(body, ['context', 'System', 'application', 'applicationId']),
    valueAt(body, ['session', 'application', 'applicationId']),
  ].filter((id) => id !== undefined);
  if (ids.length === 0) return 'application id is missing';
  return ids.every((id) => id === skillId) ? undefined : 'application id does not match skill id';
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const parsedRoots = new WeakMap<readonly string[], X509Certificate[]>();

function trustedRootCertificates(
  pems: readonly string[] = tls.rootCertificates,
): X509Certificate[] {
  let roots = parsedRoots.get(pems);
  if (roots === undefined) {
    roots = pems.flatMap(parseCertificates);
    parsedRoots.set(pems, roots);
  }
  return roots;
}

/** When the chain's leaf expires (epoch ms), for the cache; undefined if it cannot be read. */
function leafExpiry(pem: string): number | undefined {
  try {
    const [leaf] = parseCertificates(pem);
    return leaf === undefined ? undefined : Date.parse(leaf.validTo);
  } catch {
    return undefined;
  }
}

function httpsGetText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const signal = AbortSignal.timeout(CERT_FETCH_TIMEOUT_MS);
    const request = https.get(url, { signal }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`certificate chain fetch answered HTTP ${response.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_CERT_CHAIN_BYTES) request.destroy(new Error('certificate chain too large'));
        else chunks.push(chunk);
      });
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/**
 * A certificate chain fetcher with its cache, failure memory and fetch caps (cert-cache.ts) in
 * front of `fetchRaw` (default: HTTPS GET). Each server makes its own.
 */
export function certChainFetcher(
  fetchRaw: (url: string) => Promise<string> = httpsGetText,
): (url: string) => Promise<string> {
  return cachedCertChainFetcher(fetchRaw, {
    expiresAt: leafExpiry,
    maxEntries: MAX_CACHED_CERT_CHAINS,
  });
}

const defaultFetchCertChain = certChainFetcher();
