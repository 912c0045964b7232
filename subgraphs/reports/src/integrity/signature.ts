import { createHash, sign, verify, type KeyObject } from 'node:crypto';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Ed25519 over the UTF-8 bytes of the canonical text; base64url, as in JWS. */
export const signText = (text: string, privateKey: KeyObject): string =>
  sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url');

export function verifyText(text: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
