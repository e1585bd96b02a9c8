import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** JSON Web Tokens an attacker could make: unsigned, HMAC-signed, or signed with their own RSA key. */
const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

let ownKey: KeyObject | undefined;

export function jwt(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const signed = `${segment(header)}.${segment(claims)}`;
  const alg = header.alg;
  if (alg === 'none') return `${signed}.`;
  if (alg === 'HS256')
    return `${signed}.${createHmac('sha256', 'guessed-secret').update(signed).digest('base64url')}`;
  ownKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return `${signed}.${sign('sha256', Buffer.from(signed), ownKey).toString('base64url')}`;
}

/** Claims as the Bot Framework service would put them in a token for `appId`, valid for an hour. */
export function channelClaims(appId: string, serviceUrl: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: 'https://api.botframework.com',
    aud: appId,
    serviceurl: serviceUrl,
    nbf: now - 60,
    exp: now + 3600,
  };
}
