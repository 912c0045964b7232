import { readFileSync } from 'node:fs';
import { verifyReportCredential } from '../credential/reportCredentials';
import { verifySignedDocument, type SignedReportDocument } from './signedDocument';
import { verifyingKeysFrom } from './signingKeys';

const USAGE =
  'usage: pnpm verify:report <document.json> [--keys <keys file or URL>] | <credential.json> [--did <file or URL>] [--status <file or URL>]';
const DEFAULT_KEYS = 'http://localhost:4000/.well-known/credit-report-keys';

async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source} answered ${res.status}`);
    return res.text();
  }
  return readFileSync(source, 'utf8');
}

/** did:web:host%3Aport -> https://host:port/.well-known/did.json (did:web, §3.2). */
function didUrlOf(did: string): string {
  if (!did.startsWith('did:web:')) throw new Error(`${did} is not a did:web issuer; give --did`);
  return `https://${decodeURIComponent(did.slice('did:web:'.length).split(':')[0])}/.well-known/did.json`;
}

/**
 * A report as a Verifiable Credential: its proof with the issuer's DID document, then its bit in the
 * status list it names (both fetched from the issuer unless given as files or other URLs).
 */
async function verifyCredentialFile(
  credential: { issuer?: string | { id: string }; credentialStatus?: { statusListCredential?: string } },
  option: (name: string) => string | undefined,
  out: (line: string) => void,
): Promise<number> {
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id;
  const didSource = option('--did') ?? didUrlOf(issuer ?? '');
  const listUrl = credential.credentialStatus?.statusListCredential;
  const statusSource = option('--status') ?? listUrl;
  out(`issuer: ${issuer} (DID document: ${didSource})`);
  const didDocument = JSON.parse(await readSource(didSource)) as Record<string, unknown>;
  const statusLists: Record<string, unknown> = {};
  if (listUrl && statusSource) {
    out(`status list: ${statusSource}`);
    statusLists[listUrl] = JSON.parse(await readSource(statusSource));
  }
  const verdict = await verifyReportCredential(credential, {
    publicBaseUrl: listUrl ? new URL(listUrl).origin : '',
    didDocument,
    statusLists,
  });
  out(`proof (DataIntegrityProof, eddsa-rdfc-2022): ${verdict.verified ? 'VALID' : `INVALID (${verdict.problem})`}`);
  if (verdict.revoked !== null) out(`revocation: ${verdict.revoked ? 'REVOKED' : 'not revoked'}`);
  const ok = verdict.verified && verdict.revoked !== true;
  out(ok ? 'authentic and not revoked' : verdict.verified ? 'authentic, but REVOKED' : 'NOT authentic');
  return ok ? 0 : 1;
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
    return 2;
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
