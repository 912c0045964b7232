import { createPrivateKey, createPublicKey, verify as edVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEntry, closeServer, listen } from '@credit/shared';
import { dropTestSchemas, errorCode, gql, startApp, tokenFor, pdftotext } from '@credit/shared/test';
import { createReportsApp, loadReportsEnv, type ReportsApp } from '../src';
import { canonicalJson } from '../src/integrity/canonical';
import { signText } from '../src/integrity/signature';
import { generateSigningJwk, rotateKeyFile, type SigningKeyFile } from '../src/integrity/signingKeys';
import { SnapshotPartEntity } from '../src/report/snapshotPart.entity';
import { buildSnapshot, ReportChannel, ReportScenario } from '../src/report/snapshot';
import {
  ISSUE,
  newSubject,
  repairRecord,
  startReportsStack,
  submitRecord,
  VERIFY,
  type Stack,
  type TestSubject,
} from './builders';

const dir = mkdtempSync(join(tmpdir(), 'report-keys-'));
const partnerJwk = generateSigningJwk('510000-2026-01');
const trustedFile = join(dir, 'trusted.json');
writeFileSync(
  trustedFile,
  JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: partnerJwk.x, kid: partnerJwk.kid, province: '510000' }] }),
);

let s: Stack;
let base: string;
beforeAll(async () => {
  s = await startReportsStack({
    TRUSTED_PARTNER_KEYS_FILE: trustedFile,
    PUBLIC_BASE_URL: 'https://credit.guizhou.example',
  });
  base = s.reports.url.replace(/\/graphql$/, '');
});
afterAll(() => s.stop());

async function issueAt(url: string, subject: TestSubject, domains = ['D07', 'D14']) {
  const r = await gql(
    url,
    ISSUE,
    { input: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains } },
    subject.token,
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.issueReport;
}

const pdfText = (pdf: Buffer): string => {
  const file = join(dir, `r${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  return pdftotext(file);
};

describe('PDF, verification page and published keys', () => {
  it('renders the PDF for the owner and for the holder of the code, with Chinese text and 已修复', async () => {
    const subject = await newSubject(s);
    const id = await submitRecord(s, subject);
    await repairRecord(s, id);
    const report = await issueAt(s.reports.url, subject);
    expect(report.pdfUrl).toBe(`https://credit.guizhou.example/reports/${report.number}.pdf`);

    const res = await fetch(`${base}/reports/${report.number}.pdf`, {
      headers: { authorization: `Bearer ${subject.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    for (const expected of [
      '专项信用报告',
      subject.name,
      '市场监管',
      '税务',
      '已修复',
      '生效法律文书',
      report.number,
      report.verificationCode,
      report.sha256.slice(0, 32),
      '第 1 页',
    ]) {
      expect(text).toContain(expected);
    }

    const byCode = await fetch(`${base}/reports/${report.number}.pdf?code=${report.verificationCode}`);
    expect(byCode.status).toBe(200);
    expect(pdfText(Buffer.from(await byCode.arrayBuffer()))).toContain(subject.name);
    expect((await fetch(`${base}/reports/${report.number}.pdf?code=ABCDEFGHJK`)).status).toBe(404);
    expect((await fetch(`${base}/reports/${report.number}.pdf`)).status).toBe(404);
    const partner = await tokenFor({ role: 'PARTNER', partnerId: 'bank-x', province: '520000' });
    expect(
      (await fetch(`${base}/reports/${report.number}.pdf`, { headers: { authorization: `Bearer ${partner}` } })).status,
    ).toBe(404);
    expect(
      (await fetch(`${base}/reports/${report.number}.pdf`, { headers: { authorization: 'Bearer nonsense' } })).status,
    ).toBe(401);
  });

  it('serves a verification page that escapes every value, and refuses to render a tampered report', async () => {
    const subject = await newSubject(s);
    const report = await issueAt(s.reports.url, subject);
    const page = await fetch(`${base}/verify?number=${report.number}&code=${report.verificationCode}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('真实有效');
    expect(html).toContain(subject.name);
    expect(html).toContain('无违法违规记录');

    const probe = await fetch(`${base}/verify?number=${encodeURIComponent('<script>alert(1)</script>')}&code=x`);
    expect(probe.status).toBe(404);
    const probeHtml = await probe.text();
    expect(probeHtml).not.toContain('<script>');
    expect(probeHtml).toContain('&lt;script&gt;');
    expect((await fetch(`${base}/verify`)).status).toBe(200);

    const part = await s.reports.app.dataSource
      .getRepository(SnapshotPartEntity)
      .findOneByOrFail({ reportNumber: report.number, seq: 0 });
    await s.reports.app.dataSource
      .getRepository(SnapshotPartEntity)
      .update({ reportNumber: report.number, seq: 0 }, { text: part.text.replace('"D14"', '"D15"') });
    const bad = await (await fetch(`${base}/verify?number=${report.number}&code=${report.verificationCode}`)).text();
    expect(bad).toContain('验证失败');
    expect(
      (await fetch(`${base}/reports/${report.number}.pdf`, { headers: { authorization: `Bearer ${subject.token}` } }))
        .status,
    ).toBe(409);
  });

  it("answers report users' systems in JSON at the same address, masking a person and auditing the read", async () => {
    const person = await newSubject(s, 'NATURAL_PERSON');
    const report = await issueAt(s.reports.url, person);
    const res = await fetch(`${base}/verify?number=${report.number}&code=${report.verificationCode}`, {
      headers: { accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const v = (await res.json()) as Record<string, unknown> & { domains: { records: unknown }[] };
    expect(v).toMatchObject({ authentic: true, number: report.number, status: 'ISSUED', detailsVisible: false });
    expect(v.creditCode).not.toBe(person.creditCode);
    expect(String(v.subjectName)).toContain('*');
    expect(v.domains.length).toBeGreaterThan(0);
    expect(v.domains.every((d) => d.records === null)).toBe(true);
    const audited = await s.reports.app.dataSource
      .getRepository(AuditEntry)
      .countBy({ action: 'report.verify', target: report.number });
    expect(audited).toBe(1);

    const wrong = await fetch(`${base}/verify?number=${report.number}&code=ABCDEFGHJK&format=json`);
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND', field: 'number' } }] });
    const missing = await fetch(`${base}/verify?number=${report.number}&format=json`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'code' } }] });
    // A browser (text/html first) still gets the page.
    const page = await fetch(`${base}/verify?number=${report.number}&code=${report.verificationCode}`, {
      headers: { accept: 'text/html,application/json;q=0.9' },
    });
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('publishes public keys with which a partner verifies a report document offline', async () => {
    const subject = await newSubject(s);
    const report = await issueAt(s.reports.url, subject);
    const jwks = (await (await fetch(`${base}/.well-known/credit-report-keys`)).json()) as {
      keys: Record<string, string>[];
    };
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    const jwk = jwks.keys.find((k) => k.kid === report.keyId)!;
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });

    const doc = await gql(
      s.reports.url,
      'query($n: String!) { report(number: $n) { document } }',
      { n: report.number },
      subject.token,
    );
    const { snapshot, signature, kid } = JSON.parse(doc.data!.report.document);
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    expect(kid).toBe(report.keyId);
    expect(edVerify(null, Buffer.from(snapshot), key, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(
      edVerify(
        null,
        Buffer.from(snapshot.replace('NO_RECORD', 'HAS_RECORDS')),
        key,
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(false);
    expect(JSON.parse(snapshot).subject.name).toBe(subject.name);
  });
});

describe('cross-province recognition', () => {
  const foreignDocument = (over: { number?: string; creditCode?: string } = {}) => {
    const snapshot = buildSnapshot({
      number: over.number ?? `SC${Date.now()}`,
      issuedAt: new Date(),
      issuer: { province: '510000', name: '全国信用信息共享平台（四川）' },
      scenario: ReportScenario.BIDDING_PROCUREMENT,
      channel: ReportChannel.WEBSITE,
      period: { from: '2022-01-01', to: '2026-01-01', coverageFrom: '2022-01-01', requiredByReportUser: null },
      subject: {
        creditCode: over.creditCode ?? '9144030071526726XG',
        name: '四川某建设工程有限公司',
        kind: 'ENTERPRISE',
        regionCode: '510100',
        legalRepresentative: null,
        registrationAuthority: null,
        status: 'ACTIVE',
      },
      domains: [{ code: 'D04', nameZh: '住房和城乡建设' }],
      records: [],
    });
    const text = canonicalJson(snapshot);
    return {
      kid: partnerJwk.kid,
      signature: signText(text, createPrivateKey({ key: partnerJwk, format: 'jwk' })),
      snapshot: text,
    };
  };
  const RECOGNIZE =
    'mutation($d: String!) { recognizeExternalReport(document: $d) { recognized problem recognition { id issuerProvince externalNumber creditCode } } }';

  it("recognises a trusted province's signed report once, and refuses altered or untrusted ones", async () => {
    const doc = foreignDocument();
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D04', domains: ['D04'] });
    const r = await gql(s.reports.url, RECOGNIZE, { d: JSON.stringify(doc) }, unit);
    expect(r.data!.recognizeExternalReport).toMatchObject({
      recognized: true,
      problem: null,
      recognition: { issuerProvince: '510000', creditCode: '9144030071526726XG' },
    });
    const again = await gql(s.reports.url, RECOGNIZE, { d: JSON.stringify(doc) }, s.lead);
    expect(again.data!.recognizeExternalReport.recognition.id).toBe(r.data!.recognizeExternalReport.recognition.id);

    const altered = { ...doc, snapshot: doc.snapshot.replace('四川某建设', '四川另一建设') };
    expect(
      (await gql(s.reports.url, RECOGNIZE, { d: JSON.stringify(altered) }, s.lead)).data!.recognizeExternalReport,
    ).toMatchObject({
      recognized: false,
      problem: 'the signature does not verify with the trusted key',
      recognition: null,
    });
    const untrusted = { ...foreignDocument(), kid: '440000-2026' };
    expect(
      (await gql(s.reports.url, RECOGNIZE, { d: JSON.stringify(untrusted) }, s.lead)).data!.recognizeExternalReport
        .recognized,
    ).toBe(false);
    expect(errorCode(await gql(s.reports.url, RECOGNIZE, { d: 'not json' }, s.lead))).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await gql(s.reports.url, RECOGNIZE, { d: JSON.stringify(doc) }, await tokenFor({ role: 'ANALYST' }))),
    ).toBe('FORBIDDEN');

    const list = await gql(
      s.reports.url,
      'query { externalReportRecognitions(creditCode: "9144030071526726XG") { externalNumber } }',
      {},
      s.lead,
    );
    expect(list.data!.externalReportRecognitions.map((x: { externalNumber: string }) => x.externalNumber)).toContain(
      JSON.parse(doc.snapshot).number,
    );
  });
});

describe('signing keys across restarts and rotation', () => {
  const running: { stop(): Promise<void> }[] = [];
  /** Starts reports on `env` (same database and data directory as before); stopped by the test, keeping the data. */
  async function boot(env: Record<string, string | undefined>) {
    const app = await createReportsApp(loadReportsEnv(env));
    const port = await listen(app.http, 0, '127.0.0.1');
    const booted = {
      url: `http://127.0.0.1:${port}/graphql`,
      stop: async () => {
        running.splice(running.indexOf(booted), 1);
        await closeServer(app.http);
        await app.shutdown();
      },
    };
    running.push(booted);
    return booted;
  }
  const verifyAt = async (url: string, number: string, code: string) =>
    (await gql(url, VERIFY, { number, code })).data!.verifyReport;

  it('keeps verifying old reports after a restart (generated key) and after a key rotation', async () => {
    const first = await startApp<ReportsApp>((env) => createReportsApp(loadReportsEnv(env)), {
      ENTITIES_URL: s.entities.url,
      RECORDS_URL: s.records.url,
    });
    const env = first.env;
    try {
      const subject = await newSubject(s);
      const old = await issueAt(first.url, subject);
      await closeServer(first.app.http);
      await first.app.shutdown();

      // Embedded mode: the generated key was kept in DATA_DIR.
      const restarted = await boot(env);
      expect(await verifyAt(restarted.url, old.number, old.verificationCode)).toMatchObject({ authentic: true });
      await restarted.stop();

      // Rotation: the old keys stay (public part only), new ones (Ed25519 and SM2) sign from now on.
      const generated = JSON.parse(
        readFileSync(join(env.DATA_DIR!, 'reports-signing-keys.json'), 'utf8'),
      ) as SigningKeyFile;
      const rotatedKeys = rotateKeyFile(generated, '520000-2027-01');
      const rotatedFile = join(dir, 'rotated.json');
      writeFileSync(rotatedFile, JSON.stringify(rotatedKeys));
      const rotated = await boot({ ...env, REPORT_SIGNING_KEYS_FILE: rotatedFile });
      expect(await verifyAt(rotated.url, old.number, old.verificationCode)).toMatchObject({ authentic: true });
      const fresh = await issueAt(rotated.url, subject);
      expect(fresh.keyId).toBe('520000-2027-01');
      expect(old.keyId).not.toBe(fresh.keyId);
      expect(await verifyAt(rotated.url, fresh.number, fresh.verificationCode)).toMatchObject({ authentic: true });
      const keys = (await (await fetch(rotated.url.replace('/graphql', '/.well-known/credit-report-keys'))).json()) as {
        keys: { kid: string }[];
      };
      expect(keys.keys.map((k) => k.kid)).toEqual([old.keyId, `${old.keyId}-sm2`, fresh.keyId, `${fresh.keyId}-sm2`]);
      await rotated.stop();

      // Dropping the old key would make its reports unverifiable: that is why rotation keeps it.
      const dropped = join(dir, 'dropped.json');
      const later = rotateKeyFile(rotatedKeys, '520000-2028-01');
      writeFileSync(
        dropped,
        JSON.stringify({ ...later, keys: later.keys.filter((k) => !k.kid.startsWith(old.keyId)) }),
      );
      const withoutOld = await boot({ ...env, REPORT_SIGNING_KEYS_FILE: dropped });
      expect(await verifyAt(withoutOld.url, old.number, old.verificationCode)).toMatchObject({
        authentic: false,
        problem: `the signing key ${old.keyId} is not known`,
      });
      expect(await verifyAt(withoutOld.url, fresh.number, fresh.verificationCode)).toMatchObject({ authentic: true });
      await withoutOld.stop();
    } finally {
      for (const r of [...running]) await r.stop();
      await dropTestSchemas(env);
    }
  });

  it('refuses to start in production without configured signing keys', () => {
    expect(() =>
      loadReportsEnv({ NODE_ENV: 'production', JWT_PUBLIC_KEY_FILE: '/k.pem', DB_URL: 'mysql://root@db:3306/credit' }),
    ).toThrow(/REPORT_SIGNING_KEYS_FILE/);
  });
});
