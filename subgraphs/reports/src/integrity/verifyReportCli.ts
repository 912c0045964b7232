import { readFileSync } from 'node:fs';
import { verifyReportCredential } from '../credential/reportCredentials';
import { verifySignedDocument, type SignedReportDocument } from './signedDocument';
import { verifyingKeysFrom } from './signingKeys';

const USAGE =
  'usage: pnpm verify:report <document.json> [--keys <keys file or URL>] | <credential.json> [--did <file or URL>] [--status <file or URL>] [--refresh-status <file or URL>]\n' +
  'exit: 0 authentic (and, for a credential, not revoked, records unchanged); 1 not authentic or revoked; 2 usage or error; 3 authentic, records changed since issuance';
const DEFAULT_KEYS = 'http://localhost:4000/.well-known/credit-report-keys';

async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source} answered ${res.status}`);
    return res.text();
  }
  return readFileSync(source, 'utf8');
}

/** Exit codes: what a script can tell apart without reading the text. */
export const EXIT = { AUTHENTIC: 0, NOT_AUTHENTIC_OR_REVOKED: 1, USAGE: 2, RECORDS_CHANGED: 3 } as const;

/**
 * did:web:host%3Aport -> https://host:port/.well-known/did.json (did:web, §3.2); a platform on this
 * machine (localhost, 127.0.0.1, [::1]) is asked over plain http, as it serves itself in development.
 */
export function didUrlOf(did: string): string {
  if (!did.startsWith('did:web:')) throw new Error(`${did} is not a did:web issuer; give --did`);
  const host = decodeURIComponent(did.slice('did:web:'.length).split(':')[0]);
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  return `${local ? 'http' : 'https'}://${host}/.well-known/did.json`;
}

type StatusEntry = { statusPurpose?: string; statusListCredential?: string };

/**
 * A report as a Verifiable Credential: its proof with the issuer's DID document, then its bit in the
 * status list it names (both fetched from the issuer unless given as files or other URLs).
 */
async function verifyCredentialFile(
  credential: { issuer?: string | { id: string }; credentialStatus?: StatusEntry | StatusEntry[] },
  option: (name: string) => string | undefined,
  out: (line: string) => void,
): Promise<number> {
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id;
  const didSource = option('--did') ?? didUrlOf(issuer ?? '');
  const entries = [credential.credentialStatus ?? []].flat();
  out(`issuer: ${issuer} (DID document: ${didSource})`);
  const didDocument = JSON.parse(await readSource(didSource)) as Record<string, unknown>;
  const statusLists: Record<string, unknown> = {};
  for (const e of entries) {
    const url = e.statusListCredential;
    if (!url) continue;
    // --status replaces the revocation list's source, --refresh-status the refresh list's.
    const source = option(e.statusPurpose === 'refresh' ? '--refresh-status' : '--status') ?? url;
    out(`${e.statusPurpose ?? 'status'} list: ${source}`);
    statusLists[url] = JSON.parse(await readSource(source));
  }
  const firstList = entries.find((e) => e.statusListCredential)?.statusListCredential;
  const verdict = await verifyReportCredential(credential, {
    publicBaseUrl: firstList ? new URL(firstList).origin : '',
    didDocument,
    statusLists,
  });
  out(`proof (DataIntegrityProof, eddsa-rdfc-2022): ${verdict.verified ? 'VALID' : `INVALID (${verdict.problem})`}`);
  if (verdict.revoked !== null) out(`revocation: ${verdict.revoked ? 'REVOKED' : 'not revoked'}`);
  if (verdict.recordsChanged !== null)
    out(`records: ${verdict.recordsChanged ? 'CHANGED since issuance' : 'unchanged since issuance'}`);
  if (!verdict.verified) {
    out('NOT authentic');
    return EXIT.NOT_AUTHENTIC_OR_REVOKED;
  }
  if (verdict.revoked) {
    out('authentic, but REVOKED');
    return EXIT.NOT_AUTHENTIC_OR_REVOKED;
  }
  if (verdict.recordsChanged) {
    out('authentic, records changed since issuance: ask the subject to reissue the report');
    return EXIT.RECORDS_CHANGED;
  }
  out('authentic and not revoked');
  return EXIT.AUTHENTIC;
}

/**
 * `pnpm verify:report <document.json> [--keys <file|URL>]`: checks a report's signed document (the
 * `document` field of a report, saved as a file; the JSON string as GraphQL returns it is read too)
 * offline, with the published keys (/.well-known/credit-report-keys, fetched or saved). Prints one
 * verdict per signature; exits 0 only when the hash and every signature verify. Given the report's
 * `verifiableCredential` instead, checks its proof and its revocation bit (see verifyCredentialFile).
 */
export async function runVerifyReport(args: string[], out: (line: string) => void): Promise<number> {
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const keysSource = option('--keys') ?? DEFAULT_KEYS;
  if (!file) {
    out(USAGE);
    return EXIT.USAGE;
  }
  let parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed === 'string') parsed = JSON.parse(parsed);
  if (parsed && typeof parsed === 'object' && 'proof' in parsed && '@context' in parsed)
    return verifyCredentialFile(parsed as Parameters<typeof verifyCredentialFile>[0], option, out);
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
