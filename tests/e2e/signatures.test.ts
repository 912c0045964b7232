import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCreditCode } from '@credit/shared';
import { gql, tokenFor } from '@credit/shared/test';
import { runVerifyReport, verifyReportCredential } from '@credit/reports';
import { sm2 } from 'sm-crypto-v2';
import { entities, records, reports, startPlatform, type Platform } from '../platform';

/**
 * Issue 17: a report issued through the gateway verifies offline with SM2 and with Ed25519 from the
 * published keys, and as a W3C Verifiable Credential whose revocation shows in the status list.
 */
let p: Platform;
let origin: string;
let lead: string;
beforeAll(async () => {
  p = await startPlatform([entities, records, reports]);
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
});
afterAll(() => p.stop());

let serial = 81_000_000 + Math.floor(Math.random() * 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'sign-e2e-'));

/** `domains: null` asks for every active domain. */
async function issuedReport(domains: string[] | null = ['D07', 'D14']) {
  serial += 13;
  const subject = {
    creditCode: makeCreditCode('91', '520100', serial),
    kind: 'ENTERPRISE',
    name: `贵阳黔灵印务有限公司${serial}`,
    legalRepresentative: '王晓梅',
    regionCode: '520100',
    status: 'ACTIVE',
  };
  const up = await gql(
    p.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
    { s: [subject] },
    lead,
  );
  expect(up.errors).toBeUndefined();
  const token = await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode });
  const r = await gql(
    p.gatewayUrl,
    `mutation($input: IssueReportInput!) { issueReport(input: $input) {
      number verificationCode keyId signature sm2KeyId sm2Signature document verifiableCredential } }`,
    { input: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', ...(domains ? { domains } : {}) } },
    token,
  );
  expect(r.errors).toBeUndefined();
  return { ...r.data!.issueReport, subject, token };
}

const VERIFY = `query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) {
  authentic problem signatures { algorithm kid valid problem } } }`;

const publishedKeys = async () =>
  (await (await fetch(`${origin}/.well-known/credit-report-keys`)).json()) as {
    keys: { kid: string; kty: string; crv: string; x: string; y?: string; pem?: string; alg: string }[];
  };

async function cli(document: unknown, keys: unknown) {
  const docFile = join(dir, `doc-${serial}-${Math.random()}.json`);
  const keysFile = join(dir, `keys-${serial}-${Math.random()}.json`);
  writeFileSync(docFile, typeof document === 'string' ? document : JSON.stringify(document));
  writeFileSync(keysFile, JSON.stringify(keys));
  const lines: string[] = [];
  const code = await runVerifyReport([docFile, '--keys', keysFile], (l: string) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('SM2 and Ed25519 signatures of a report', () => {
  it('verify offline from the published keys, each with its own algorithm (independently of the platform code)', async () => {
    const report = await issuedReport();
    const doc = JSON.parse(report.document);
    expect(doc.signatures).toEqual([
      { algorithm: 'Ed25519', kid: report.keyId, signature: report.signature },
      { algorithm: 'SM2', kid: report.sm2KeyId, signature: report.sm2Signature },
    ]);
    const keys = await publishedKeys();
    const ed = keys.keys.find((k) => k.kid === report.keyId)!;
    const sm = keys.keys.find((k) => k.kid === report.sm2KeyId)!;
    expect(ed).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(sm).toMatchObject({ kty: 'EC', crv: 'SM2', alg: 'SM2SM3' });
    expect(sm.pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);

    const text = Buffer.from(doc.snapshot, 'utf8');
    const edKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: ed.x }, format: 'jwk' });
    expect(edVerify(null, text, edKey, Buffer.from(report.signature, 'base64url'))).toBe(true);
    const smPoint = `04${Buffer.from(sm.x, 'base64url').toString('hex')}${Buffer.from(sm.y!, 'base64url').toString('hex')}`;
    const smDer = Buffer.from(report.sm2Signature, 'base64url').toString('hex');
    const smOk = (t: Buffer) =>
      sm2.doVerifySignature(t, smDer, smPoint, { der: true, hash: true, userId: '1234567812345678' });
    expect(smOk(text)).toBe(true);

    const verdict = await cli(report.document, keys);
    expect(verdict.code).toBe(0);
    expect(verdict.out).toContain(`Ed25519 ${report.keyId}: VALID`);
    expect(verdict.out).toContain(`SM2     ${report.sm2KeyId}: VALID`);

    // One changed character in the document: both signatures fail, offline and in the CLI.
    const forged = { ...doc, snapshot: doc.snapshot.replace(report.subject.name, `${report.subject.name}X`) };
    expect(edVerify(null, Buffer.from(forged.snapshot), edKey, Buffer.from(report.signature, 'base64url'))).toBe(false);
    expect(smOk(Buffer.from(forged.snapshot))).toBe(false);
    const bad = await cli(forged, keys);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`Ed25519 ${report.keyId}: INVALID`);
    expect(bad.out).toContain(`SM2     ${report.sm2KeyId}: INVALID`);
    expect(bad.out).toContain('NOT authentic');
  });

  it('verifyReport names each signature; a tampered stored report fails both', async () => {
    const report = await issuedReport();
    const ok = await gql(p.gatewayUrl, VERIFY, { n: report.number, c: report.verificationCode });
    expect(ok.data!.verifyReport).toEqual({
      authentic: true,
      problem: null,
      signatures: [
        { algorithm: 'Ed25519', kid: report.keyId, valid: true, problem: null },
        { algorithm: 'SM2', kid: report.sm2KeyId, valid: true, problem: null },
      ],
    });
    const json = await fetch(`${origin}/verify?number=${report.number}&code=${report.verificationCode}&format=json`);
    expect(
      ((await json.json()) as { signatures: { valid: boolean }[] }).signatures.map((s: { valid: boolean }) => s.valid),
    ).toEqual([true, true]);

    const page = await (await fetch(`${origin}/verify?number=${report.number}&code=${report.verificationCode}`)).text();
    expect(page).toContain(`SM2 签名（${report.sm2KeyId}）：通过`);
    expect(page).toContain(`Ed25519 签名（${report.keyId}）：通过`);

    // Someone with write access to the database changes the text and its hash.
    const ds = p.subgraphs.reports.app.dataSource;
    const [part] = await ds.query('SELECT text FROM credit_report_snapshot WHERE reportNumber = ? AND seq = 0', [
      report.number,
    ]);
    const text = (part.text as string).replace(report.subject.name, `${report.subject.name}改`);
    await ds.query('UPDATE credit_report_snapshot SET text = ? WHERE reportNumber = ? AND seq = 0', [
      text,
      report.number,
    ]);
    await ds.query('UPDATE credit_report SET sha256 = ? WHERE number = ?', [
      createHash('sha256').update(text).digest('hex'),
      report.number,
    ]);
    const bad = await gql(p.gatewayUrl, VERIFY, { n: report.number, c: report.verificationCode });
    expect(bad.data!.verifyReport.authentic).toBe(false);
    expect(bad.data!.verifyReport.signatures).toEqual([
      { algorithm: 'Ed25519', kid: report.keyId, valid: false, problem: 'the Ed25519 signature does not verify' },
      { algorithm: 'SM2', kid: report.sm2KeyId, valid: false, problem: 'the SM2 signature does not verify' },
    ]);
  });

  it('keeps verifying a report signed before SM2 signing (Ed25519 only)', async () => {
    const report = await issuedReport();
    await p.subgraphs.reports.app.dataSource.query(
      'UPDATE credit_report SET sm2Signature = NULL, sm2KeyId = NULL WHERE number = ?',
      [report.number],
    );
    const v = await gql(p.gatewayUrl, VERIFY, { n: report.number, c: report.verificationCode });
    expect(v.data!.verifyReport).toEqual({
      authentic: true,
      problem: null,
      signatures: [{ algorithm: 'Ed25519', kid: report.keyId, valid: true, problem: null }],
    });
    const old = JSON.parse(report.document);
    delete old.signatures;
    const verdict = await cli(old, await publishedKeys());
    expect(verdict.code).toBe(0);
    expect(verdict.out).toContain('1 of 1 signature(s) verified');
  });
});

describe('the report as a W3C Verifiable Credential', () => {
  /** What a wallet has: the credential, and what the platform serves publicly (DID document, status list). */
  async function verifyAsWallet(credential: { credentialStatus: { statusListCredential: string }[] }) {
    const did = await fetch(`${origin}/.well-known/did.json`);
    expect(did.headers.get('content-type')).toContain('application/did+json');
    const statusLists: Record<string, unknown> = {};
    for (const { statusListCredential: listUrl } of credential.credentialStatus) {
      const list = await fetch(`${origin}${new URL(listUrl).pathname}`);
      expect(list.status).toBe(200);
      statusLists[listUrl] = await list.json();
    }
    return verifyReportCredential(credential, {
      publicBaseUrl: new URL(credential.credentialStatus[0].statusListCredential).origin,
      didDocument: (await did.json()) as Record<string, unknown>,
      statusLists,
    });
  }

  it('verifies with the served DID document and status list; revocation shows in the list', async () => {
    // Every active domain: 43 outcomes in one credential to canonicalise.
    const report = await issuedReport(null);
    const credential = JSON.parse(report.verifiableCredential);
    expect(credential.credentialSubject.domainOutcomes).toHaveLength(43);
    expect(credential).toMatchObject({
      type: ['VerifiableCredential', 'SpecialCreditReportCredential'],
      issuer: { id: 'did:web:localhost%3A4000' },
      credentialSubject: {
        creditCode: report.subject.creditCode,
        name: report.subject.name,
        reportNumber: report.number,
      },
      credentialStatus: [
        { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        { type: 'BitstringStatusListEntry', statusPurpose: 'refresh' },
      ],
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' },
    });
    expect(credential.credentialSubject.domainOutcomes[6]).toEqual({
      id: `urn:gz-credit-report:${report.number}:D07`,
      type: 'DomainOutcome',
      domainCode: 'D07',
      domainName: expect.any(String),
      outcome: 'NO_RECORD',
      recordCount: 0,
    });
    expect(await verifyAsWallet(credential)).toEqual({
      verified: true,
      revoked: false,
      recordsChanged: false,
      problem: null,
    });

    const forged = { ...credential, credentialSubject: { ...credential.credentialSubject, name: '别的公司' } };
    expect(await verifyAsWallet(forged)).toMatchObject({ verified: false });

    const revoked = await gql(
      p.gatewayUrl,
      'mutation($n: String!) { revokeReport(number: $n, reason: "信息有误，申请撤销") { status } }',
      { n: report.number },
      report.token,
    );
    expect(revoked.data!.revokeReport.status).toBe('REVOKED');
    expect(await verifyAsWallet(credential)).toEqual({
      verified: true,
      revoked: true,
      recordsChanged: false,
      problem: null,
    });

    // The command-line verifier, with the DID document and the status list saved from the platform.
    const save = async (path: string) => {
      const file = join(dir, `${serial}-${path.replace(/\W/g, '_')}.json`);
      writeFileSync(file, await (await fetch(`${origin}${path}`)).text());
      return file;
    };
    const vcFile = join(dir, `vc-${serial}.json`);
    writeFileSync(vcFile, report.verifiableCredential);
    const lines: string[] = [];
    const args = [vcFile, '--did', await save('/.well-known/did.json')];
    const [revocation, refresh] = credential.credentialStatus.map(
      (e: { statusListCredential: string }) => new URL(e.statusListCredential).pathname,
    );
    expect(refresh).toBe(revocation.replace('/status/', '/status/refresh/'));
    const code = await runVerifyReport(
      [...args, '--status', await save(revocation), '--refresh-status', await save(refresh)],
      (l: string) => lines.push(l),
    );
    expect(lines.join('\n')).toContain('proof (DataIntegrityProof, eddsa-rdfc-2022): VALID');
    expect(lines.join('\n')).toContain('revocation: REVOKED');
    expect(code).toBe(1);
  });

  it('serves the DID document with the Ed25519 keys as Multikey methods, and no status list nobody uses', async () => {
    const keys = await publishedKeys();
    const did = (await (await fetch(`${origin}/.well-known/did.json`)).json()) as {
      id: string;
      verificationMethod: { id: string; type: string; controller: string; publicKeyMultibase: string }[];
      assertionMethod: string[];
    };
    const edKids = keys.keys.filter((k) => k.kty === 'OKP').map((k) => k.kid);
    expect(did.id).toBe('did:web:localhost%3A4000');
    expect(did.verificationMethod.map((m) => m.id)).toEqual(edKids.map((kid) => `${did.id}#${kid}`));
    expect(did.verificationMethod.every((m) => m.type === 'Multikey' && m.publicKeyMultibase.startsWith('z6Mk'))).toBe(
      true,
    );
    expect(did.assertionMethod).toEqual(did.verificationMethod.map((m) => m.id));
    for (const path of [
      '/credentials/status/9999',
      '/credentials/status/abc',
      '/credentials/status/0',
      '/credentials/status/refresh/9999',
    ])
      expect((await fetch(`${origin}${path}`)).status).toBe(404);
  });

  it('is given to those who may read the report, not to a report user without authorisation', async () => {
    const report = await issuedReport();
    const partner = await tokenFor({ role: 'PARTNER', partnerId: 'gy-bank-17', province: '520000' });
    const q = 'query($n: String!) { report(number: $n) { verifiableCredential } }';
    expect((await gql(p.gatewayUrl, q, { n: report.number }, partner)).data!.report).toBeNull();
    const granted = await gql(
      p.gatewayUrl,
      'mutation($n: String!, $u: String!) { authorizeReportAccess(number: $n, partnerId: "gy-bank-17", until: $u) { active } }',
      { n: report.number, u: new Date(Date.now() + 86_400_000).toISOString() },
      report.token,
    );
    expect(granted.data!.authorizeReportAccess.active).toBe(true);
    const seen = await gql(p.gatewayUrl, q, { n: report.number }, partner);
    expect(JSON.parse(seen.data!.report.verifiableCredential).credentialSubject.reportNumber).toBe(report.number);
  });
});
