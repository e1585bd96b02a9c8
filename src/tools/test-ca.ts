// Used by tests and by npm run bench:alexa; node-forge is a development dependency.
import { createSign } from 'node:crypto';
import forge from 'node-forge';

/** A throw-away certificate authority for Alexa signature tests: root -> leaf (echo-api.amazon.com). */
export interface TestCa {
  rootPem: string;
  chainPem: string;
  sign: (body: string) => string;
}

function certificate(
  subject: string,
  keys: forge.pki.rsa.KeyPair,
  issuer: { name: string; key: forge.pki.rsa.PrivateKey },
  extensions: object[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = String(Math.floor(Math.random() * 1e9));
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  cert.setIssuer([{ name: 'commonName', value: issuer.name }]);
  cert.setExtensions(extensions);
  cert.sign(issuer.key, forge.md.sha256.create());
  return cert;
}

export function createTestCa(): TestCa {
  const rootKeys = forge.pki.rsa.generateKeyPair(2048);
  const leafKeys = forge.pki.rsa.generateKeyPair(2048);
  const root = certificate('Test Root', rootKeys, { name: 'Test Root', key: rootKeys.privateKey }, [
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true },
  ]);
  const leaf = certificate(
    'echo-api.amazon.com',
    leafKeys,
    { name: 'Test Root', key: rootKeys.privateKey },
    [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'echo-api.amazon.com' }] }],
  );
  const leafKeyPem = forge.pki.privateKeyToPem(leafKeys.privateKey);
  return {
    rootPem: forge.pki.certificateToPem(root),
    chainPem: forge.pki.certificateToPem(leaf) + forge.pki.certificateToPem(root),
    sign: (body) => createSign('RSA-SHA256').update(body).sign(leafKeyPem, 'base64'),
  };
}
