import { readFileSync } from 'node:fs';
import { verifySignedDocument, type SignedReportDocument } from './signedDocument';
import { verifyingKeysFrom } from './signingKeys';

const USAGE = 'usage: pnpm verify:report <document.json> [--keys <keys file or URL>]';
const DEFAULT_KEYS = 'http://localhost:4000/.well-known/credit-report-keys';

async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source} answered ${res.status}`);
    return res.text();
  }
  return readFileSync(source, 'utf8');
}

/**
 * `pnpm verify:report <document.json> [--keys <file|URL>]`: checks a report's signed document (the
 * `document` field of a report, saved as a file; the JSON string as GraphQL returns it is read too)
 * offline, with the published keys (/.well-known/credit-report-keys, fetched or saved). Prints one
 * verdict per signature; exits 0 only when the hash and every signature verify.
 */
export async function runVerifyReport(args: string[], out: (line: string) => void): Promise<number> {
  const keysAt = args.indexOf('--keys');
  const keysSource = keysAt >= 0 ? args[keysAt + 1] : DEFAULT_KEYS;
  const file = args.find((a, i) => !a.startsWith('--') && (keysAt < 0 || i !== keysAt + 1));
  if (!file || !keysSource) {
    out(USAGE);
    return 2;
  }
  let parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed === 'string') parsed = JSON.parse(parsed);
  out(`keys: ${keysSource}`);
  const keys = verifyingKeysFrom(JSON.parse(await readSource(keysSource)) as { keys?: [] });
  const verdict = verifySignedDocument(parsed as SignedReportDocument, keys);
  if (verdict.snapshot)
    out(
      `report ${verdict.snapshot.number}: ${verdict.snapshot.subject.name} (${verdict.snapshot.subject.creditCode}), issued ${verdict.snapshot.issuedAt}`,
    );
  out(`SHA-256 of the snapshot: ${verdict.sha256Matches ? 'matches' : 'DOES NOT MATCH'}`);
  for (const s of verdict.signatures)
    out(`${s.algorithm.padEnd(7)} ${s.kid}: ${s.valid ? 'VALID' : `INVALID (${s.problem})`}`);
  const valid = verdict.signatures.filter((s) => s.valid).length;
  out(
    verdict.valid
      ? `authentic: ${valid} of ${verdict.signatures.length} signature(s) verified. Revocation is not in the document: ask /verify or the credential's status list.`
      : `NOT authentic: ${verdict.problem}`,
  );
  return verdict.valid ? 0 : 1;
}

if (require.main === module) {
  runVerifyReport(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
