import { createHash } from 'node:crypto';
import { ErrorCode } from '@credit/shared';
import type { GraphQLError } from 'graphql';
import { CHUNK_CHARS, toChunks, validateEvidence } from './evidenceValidation';

const limits = { maxBytes: 1024, maxFiles: 2 };
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x20)]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const upload = (bytes: Buffer, over: Record<string, unknown> = {}) => ({
  name: '处罚决定书.pdf',
  contentType: 'application/pdf',
  contentBase64: bytes.toString('base64'),
  ...over,
});

const failure = (fn: () => unknown): GraphQLError => {
  try {
    fn();
  } catch (err) {
    return err as GraphQLError;
  }
  throw new Error('expected an error');
};

describe('evidence validation', () => {
  it('accepts a PDF and a PNG, computing size and SHA-256', () => {
    const [a, b] = validateEvidence(
      [upload(pdf), upload(png, { name: 'photo.png', contentType: 'IMAGE/PNG' })],
      limits,
    );
    expect(a).toMatchObject({
      name: '处罚决定书.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    expect(b.contentType).toBe('image/png');
    expect(b.bytes.equals(png)).toBe(true);
  });

  it('checks a given SHA-256 against the content', () => {
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(validateEvidence([upload(pdf, { sha256: sha.toUpperCase() })], limits)[0].sha256).toBe(sha);
    const err = failure(() => validateEvidence([upload(pdf, { sha256: '0'.repeat(64) })], limits));
    expect(err.extensions).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      field: 'input.evidence[0].sha256',
      actual: sha,
    });
  });

  it('refuses oversized content before decoding it, and too many files', () => {
    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(1020)]);
    expect(big.length).toBe(1025);
    const err = failure(() => validateEvidence([upload(big)], limits));
    expect(err.extensions).toMatchObject({ field: 'input.evidence[0].contentBase64', size: 1025, max: 1024 });
    expect(validateEvidence([upload(big.subarray(0, 1024))], limits)[0].size).toBe(1024);
    expect(failure(() => validateEvidence([upload(pdf), upload(pdf), upload(pdf)], limits)).extensions.field).toBe(
      'input.evidence',
    );
  });

  it('refuses a type the bytes contradict, an unknown type, bad base64 and bad names', () => {
    expect(failure(() => validateEvidence([upload(png)], limits)).message).toContain('content is not application/pdf');
    expect(
      failure(() => validateEvidence([upload(pdf, { contentType: 'application/x-msdownload' })], limits)).extensions
        .field,
    ).toBe('input.evidence[0].contentType');
    expect(
      failure(() => validateEvidence([upload(pdf, { contentBase64: 'not base64!' })], limits)).extensions.field,
    ).toBe('input.evidence[0].contentBase64');
    expect(failure(() => validateEvidence([upload(pdf, { contentBase64: '' })], limits)).message).toContain(
      'must not be empty',
    );
    expect(failure(() => validateEvidence([upload(pdf, { name: '../etc/passwd' })], limits)).extensions.field).toBe(
      'input.evidence[0].name',
    );
    expect(failure(() => validateEvidence([upload(pdf, { name: '  ' })], limits)).extensions.field).toBe(
      'input.evidence[0].name',
    );
    const binaryAsText = Buffer.from([0x61, 0x00, 0x62]);
    expect(
      failure(() => validateEvidence([upload(binaryAsText, { contentType: 'text/plain', name: 'a.txt' })], limits))
        .message,
    ).toContain('not text/plain');
  });

  it('splits content into text-column-sized base64 slices that join back', () => {
    const bytes = Buffer.alloc(100_000, 7);
    const parts = toChunks(bytes);
    expect(parts.length).toBe(Math.ceil(bytes.toString('base64').length / CHUNK_CHARS));
    expect(parts.every((p) => p.length <= CHUNK_CHARS)).toBe(true);
    expect(Buffer.from(parts.join(''), 'base64').equals(bytes)).toBe(true);
  });
});
