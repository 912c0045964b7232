import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, SignJWT } from 'jose';
import { EMBEDDED_JWT_SECRET } from '../config/env';
import { bearerToken, createTokenVerifier, signEmbeddedToken } from './jwt';

const cfg = { issuer: 'iss', audience: 'aud', secret: EMBEDDED_JWT_SECRET };
const verify = createTokenVerifier(cfg);
const dir = mkdtempSync(join(tmpdir(), 'jwt-'));

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    return err as { message: string; extensions: { code: string } };
  }
  throw new Error('expected a rejection');
}

describe('token verification', () => {
  it('accepts an embedded token and returns a typed principal', async () => {
    const token = await signEmbeddedToken({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] }, cfg);
    await expect(verify(token)).resolves.toEqual({
      role: 'SOURCE_UNIT',
      unitCode: 'GZ-D07',
      domains: ['D07'],
      sub: 'GZ-D07',
    });
  });

  it('refuses an expired token', async () => {
    const token = await signEmbeddedToken({ role: 'ANALYST' }, cfg, Math.floor(Date.now() / 1000) - 5);
    const err = await rejection(verify(token));
    expect(err.extensions.code).toBe('UNAUTHENTICATED');
    expect(err.message).toContain('expired');
  });

  it('remembers a verified token only until it expires, handing out a principal nobody can alter', async () => {
    const now = Date.now();
    jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const v = createTokenVerifier(cfg);
      const token = await signEmbeddedToken({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] }, cfg, '60s');
      const first = await v(token);
      expect(await v(token)).toBe(first);
      expect(() => (first as { domains: string[] }).domains.push('D01')).toThrow();
      jest.setSystemTime(now + 61_000);
      const err = await rejection(v(token));
      expect(err.extensions.code).toBe('UNAUTHENTICATED');
      expect(err.message).toContain('expired');
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a token signed with another key', async () => {
    const token = await signEmbeddedToken({ role: 'ANALYST' }, { ...cfg, secret: 'x'.repeat(40) });
    expect((await rejection(verify(token))).message).toContain('signature');
  });

  it('refuses alg: none', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'LEAD_DEPARTMENT', sub: 'x', iss: 'iss', aud: 'aud', exp: 9_999_999_999 })}.`;
    expect((await rejection(verify(token))).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token of another issuer or audience, or without a role', async () => {
    const other = await signEmbeddedToken({ role: 'ANALYST' }, { ...cfg, audience: 'elsewhere' });
    expect((await rejection(verify(other))).message).toContain('aud');
    const noRole = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('iss')
      .setAudience('aud')
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(EMBEDDED_JWT_SECRET));
    expect((await rejection(verify(noRole))).message).toContain('claims');
  });

  it('verifies EdDSA tokens against a public key file and refuses HS256 tokens there', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const file = join(dir, 'ed.pem');
    writeFileSync(file, publicKey.export({ type: 'spki', format: 'pem' }));
    const v = createTokenVerifier({ issuer: 'iss', audience: 'aud', publicKeyFile: file });
    const good = await new SignJWT({ role: 'LEAD_DEPARTMENT' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('iss')
      .setAudience('aud')
      .setSubject('lead-1')
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(v(good)).resolves.toMatchObject({ role: 'LEAD_DEPARTMENT', sub: 'lead-1' });
    // An HS256 token "signed" with the public key text is the classic algorithm-confusion attack.
    const confused = await signEmbeddedToken(
      { role: 'LEAD_DEPARTMENT' },
      { issuer: 'iss', audience: 'aud', secret: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    );
    expect((await rejection(v(confused))).message).toContain('algorithm');
  });

  it('verifies RS256 tokens against a JWKS file by key id', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [jwk] }));
    const v = createTokenVerifier({ issuer: 'iss', audience: 'aud', jwksFile: file });
    const token = await new SignJWT({ role: 'ANALYST' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('iss')
      .setAudience('aud')
      .setSubject('a')
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(v(token)).resolves.toMatchObject({ role: 'ANALYST' });
  });
});

describe('bearerToken', () => {
  it('extracts the token, treats absence as anonymous and anything else as malformed', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic dXNlcg==')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
  });
});
