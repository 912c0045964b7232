import { createHash } from 'node:crypto';
import { badUserInput, hasControlCharacters } from '@credit/shared';

export interface EvidenceUpload {
  name: string;
  contentType: string;
  contentBase64: string;
  /** Optional: when given it must match the bytes (catches a truncated upload). */
  sha256?: string | null;
}

export interface ValidEvidence {
  name: string;
  contentType: string;
  bytes: Buffer;
  size: number;
  sha256: string;
}

export interface EvidenceLimits {
  maxBytes: number;
  maxFiles: number;
}

/** Accepted types and the leading bytes that prove them (a renamed .exe is not a PDF). */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'text/plain': (b) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b),
};
export const EVIDENCE_TYPES = Object.keys(SIGNATURES);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PATH_SEPARATOR = /[/\\]/;

/**
 * Checks the attachments of one objection: count, name, declared type against the bytes, size
 * bound (checked on the encoded length first, so an oversized upload is never decoded) and
 * SHA-256. Errors name the field, e.g. `input.evidence[1].sha256`.
 */
export function validateEvidence(
  uploads: EvidenceUpload[] | null | undefined,
  limits: EvidenceLimits,
  base = 'input.evidence',
): ValidEvidence[] {
  const list = uploads ?? [];
  if (list.length > limits.maxFiles)
    throw badUserInput(base, `at most ${limits.maxFiles} attachments, got ${list.length}`, { max: limits.maxFiles });
  return list.map((u, i) => {
    const field = `${base}[${i}]`;
    const name = (u.name ?? '').trim();
    if (!name || Array.from(name).length > 200) throw badUserInput(`${field}.name`, 'must be 1 to 200 characters');
    if (PATH_SEPARATOR.test(name) || hasControlCharacters(name))
      throw badUserInput(`${field}.name`, 'must be a plain file name without path separators or control characters');
    const contentType = (u.contentType ?? '').trim().toLowerCase();
    if (!SIGNATURES[contentType])
      throw badUserInput(`${field}.contentType`, `must be one of ${EVIDENCE_TYPES.join(', ')}`);
    const text = (u.contentBase64 ?? '').replace(/\s+/g, '');
    if (text.length === 0) throw badUserInput(`${field}.contentBase64`, 'must not be empty');
    if (text.length % 4 !== 0 || !BASE64.test(text))
      throw badUserInput(`${field}.contentBase64`, 'is not valid base64');
    const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
    const size = (text.length / 4) * 3 - padding;
    if (size > limits.maxBytes) {
      throw badUserInput(`${field}.contentBase64`, `attachment is ${size} bytes; at most ${limits.maxBytes} allowed`, {
        max: limits.maxBytes,
        size,
      });
    }
    const bytes = Buffer.from(text, 'base64');
    if (!SIGNATURES[contentType](bytes)) throw badUserInput(`${field}.contentType`, `content is not ${contentType}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (u.sha256 != null && u.sha256.trim().toLowerCase() !== sha256) {
      throw badUserInput(`${field}.sha256`, 'does not match the content (upload damaged or truncated?)', {
        actual: sha256,
      });
    }
    return { name, contentType, bytes, size: bytes.length, sha256 };
  });
}

/** Base64 slices that fit a MySQL `text` column (65,535 bytes). */
export const CHUNK_CHARS = 60_000;
export function toChunks(bytes: Buffer): string[] {
  const text = bytes.toString('base64');
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK_CHARS) out.push(text.slice(i, i + CHUNK_CHARS));
  return out.length ? out : [''];
}
