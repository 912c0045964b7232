import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { closeServer, createLogger, createServiceClient, listen, makeCreditCode, ReportsApi } from '@credit/shared';
import { errorCode, gql, TEST_AUTH, tokenFor } from '@credit/shared/test';
import type { EntitiesApp } from '@credit/entities';
import type { RecordsApp } from '@credit/records';
import { createReportsApp, loadReportsEnv, WebhookDeliveries, WebhookSecrets, type ReportsApp } from '@credit/reports';
import { entities, records, registerSourceUnits, reports, startPlatform, type Platform } from '../platform';

/**
 * Report users subscribe: a partner that verified a report subscribes a callback URL and receives
 * each event (REVOKED, RECORDS_CHANGED, BREACHED) exactly once, signed, through the webhook outbox: after
 * failures, across a restart of the reports subgraph, and by redelivery once parked.
 */
let p: Platform;
let unit: string;
let receiver: Server;
let receiverUrl: string;
beforeAll(async () => {
  // Timers off: each test drains the outboxes itself.
  p = await startPlatform([entities, records, reports], {
    SEED_DEMO: 'false',
    OUTBOX_POLL_MS: '0',
    WEBHOOK_POLL_MS: '0',
    WEBHOOK_MAX_ATTEMPTS: '3',
  });
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
  await registerSourceUnits(p, ['GZ-D07']);
  receiver = createServer((req, res) => void receive(req, res));
  receiverUrl = `http://127.0.0.1:${await listen(receiver, 0, '127.0.0.1')}`;
});
afterAll(async () => {
  await closeServer(receiver);
  await p.stop();
});

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  answered: number;
}
const received: Received[] = [];
/** Per callback path: how many requests to answer 500 before answering 204. */
const failures = new Map<string, number>();

async function receive(req: IncomingMessage, res: import('node:http').ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const left = failures.get(req.url!) ?? 0;
  const answered = left > 0 ? 500 : 204;
  if (left > 0) failures.set(req.url!, left - 1);
  received.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
  res.writeHead(answered).end(answered === 500 ? 'not now' : undefined);
}

const reportsApp = () => p.subgraphs.reports.app as ReportsApp;
const deliverWebhooks = () => reportsApp().webhooks.drain();

/** A receiver's check, as the README gives it: HMAC-SHA256(secret, timestamp + "." + body), 5-minute window. */
function signatureValid(r: Received, secret: string): boolean {
  const ts = String(r.headers['x-credit-webhook-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex')}`;
  return r.headers['x-credit-webhook-signature'] === expected && Math.abs(Date.now() / 1000 - Number(ts)) <= 300;
}

const run = Date.now() % 1_000_000;
let serial = 0;
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

async function newSubject() {
  serial++;
  const subject = {
    creditCode: makeCreditCode('91', '520100', 71_000_000 + run * 20 + serial),
    kind: 'ENTERPRISE',
    name: `黔南订阅建材有限公司${run}-${serial}`,
    legalRepresentative: '王建国',
    regionCode: '520100',
    status: 'ACTIVE',
  };
  const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  const r = await gql(
    p.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
    { s: [subject] },
    lead,
  );
  expect(r.data!.upsertSubjects.created).toBe(1);
  return { ...subject, token: await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode }) };
}
type Subject = Awaited<ReturnType<typeof newSubject>>;

const SUBMIT = `mutation($r: [RecordInput!]!) { submitRecords(records: $r) { results { recordId verdict } } }`;
function record(subject: Subject, decisionNumber: string, fine: string) {
  return {
    decisionNumber,
    category: 'ADMINISTRATIVE_PENALTY',
    domainCode: 'D07',
    creditCode: subject.creditCode,
    subjectName: subject.name,
    subjectType: 'LEGAL_ENTITY',
    violationType: '虚假广告',
    facts: '经查属实',
    legalBasis: '《广告法》第五十五条',
    penaltyTypes: ['罚款'],
    penaltyContent: `罚款${fine}元`,
    fineAmount: fine,
    decisionDate: daysAgo(30),
    decidingAuthority: '贵州省市场监督管理局',
    decidingAuthorityCode: makeCreditCode('11', '520000', 11_200_000),
    regionCode: '520100',
  };
}

/** A subject with one D07 record and a report over it; the record's decision number to correct it. */
async function issuedReport() {
  const subject = await newSubject();
  const decisionNumber = `黔市监罚〔W${run}〕${++serial}号`;
  const s = await gql(p.gatewayUrl, SUBMIT, { r: [record(subject, decisionNumber, '5000')] }, unit);
  expect(s.data!.submitRecords.results[0].verdict).toBe('CREATED');
  await (p.subgraphs.records.app as RecordsApp).changeFeed.drain();
  return { subject, decisionNumber, ...(await issue(subject)) };
}

/** A report the subject issues now over its D07 records. */
async function issue(subject: Subject) {
  const r = await gql(
    p.gatewayUrl,
    `mutation($input: IssueReportInput!) { issueReport(input: $input) { number verificationCode } }`,
    {
      input: {
        scenario: 'BIDDING_PROCUREMENT',
        channel: 'WEBSITE',
        domains: ['D07'],
        periodFrom: daysAgo(100),
        periodTo: daysAgo(0),
      },
    },
    subject.token,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.issueReport as { number: string; verificationCode: string };
}

async function partner(partnerId: string) {
  const token = await tokenFor({ role: 'PARTNER', partnerId, province: '510000' });
  const r = await gql(p.gatewayUrl, 'mutation { createWebhookSecret { keyId secret createdAt } }', {}, token);
  expect(r.errors).toBeUndefined();
  return { token, ...(r.data!.createWebhookSecret as { keyId: string; secret: string }) };
}

const SUBSCRIBE = `mutation($n: String!, $c: String!, $u: String!) {
  subscribeToReport(number: $n, verificationCode: $c, callbackUrl: $u) { id reportNumber callbackUrl active } }`;
const DELIVERIES = `query($s: WebhookDeliveryStatus, $f: Int) { myWebhookDeliveries(status: $s, first: $f) {
  id eventId subscriptionId reportNumber kind status attempts lastError deliveredAt payload } }`;

async function subscribe(token: string, report: { number: string; verificationCode: string }, path: string) {
  const r = await gql(
    p.gatewayUrl,
    SUBSCRIBE,
    { n: report.number, c: report.verificationCode, u: `${receiverUrl}${path}` },
    token,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.subscribeToReport as { id: string; active: boolean };
}

async function revoke(subject: Subject, number: string) {
  const r = await gql(
    p.gatewayUrl,
    'mutation($n: String!) { revokeReport(number: $n, reason: "申请人撤回") { status } }',
    { n: number },
    subject.token,
  );
  expect(r.data!.revokeReport.status).toBe('REVOKED');
}

const at = (path: string) => received.filter((r) => r.path === path);

describe('report subscriptions', () => {
  it('delivers a revocation once, signed with the partner key, and only to a subscriber with the right code', async () => {
    const a = await partner(`wa${run}`);
    const report = await issuedReport();
    const wrong = await gql(
      p.gatewayUrl,
      SUBSCRIBE,
      { n: report.number, c: 'ABCDEFGHJK', u: `${receiverUrl}/revoked` },
      a.token,
    );
    expect(errorCode(wrong)).toBe('NOT_FOUND');
    const sub = await subscribe(a.token, report, '/revoked');
    expect(sub.active).toBe(true);
    // The same partner, report and URL again: the same subscription, not a second one.
    expect((await subscribe(a.token, report, '/revoked')).id).toBe(sub.id);

    await revoke(report.subject, report.number);
    expect((await deliverWebhooks()).delivered).toBe(1);
    expect((await deliverWebhooks()).delivered).toBe(0);
    const got = at('/revoked');
    expect(got).toHaveLength(1);
    expect(signatureValid(got[0], a.secret)).toBe(true);
    expect(signatureValid(got[0], `${a.secret}x`)).toBe(false);
    expect(got[0].headers['x-credit-webhook-key']).toBe(a.keyId);
    const event = JSON.parse(got[0].body);
    expect(event).toMatchObject({
      kind: 'REVOKED',
      reportNumber: report.number,
      id: got[0].headers['x-credit-webhook-id'],
    });
    expect(Number.isNaN(Date.parse(event.occurredAt))).toBe(false);

    const list = await gql(p.gatewayUrl, DELIVERIES, { s: 'DELIVERED' }, a.token);
    expect(list.data!.myWebhookDeliveries).toEqual([
      expect.objectContaining({ eventId: event.id, subscriptionId: sub.id, kind: 'REVOKED', attempts: 1 }),
    ]);
    // Audited: the subscription is a read of the report by a partner.
    const audits = await reportsApp().dataSource.query(
      `SELECT action FROM audit_log WHERE target = '${report.number}' AND action = 'report.subscribe'`,
    );
    expect(audits).toHaveLength(1);
  });

  it('delivers a records change once after the receiver answered 500 twice', async () => {
    const a = await partner(`wb${run}`);
    const report = await issuedReport();
    await subscribe(a.token, report, '/changed');
    failures.set('/changed', 2);
    const s = await gql(p.gatewayUrl, SUBMIT, { r: [record(report.subject, report.decisionNumber, '8000')] }, unit);
    expect(s.data!.submitRecords.results[0].verdict).toBe('UPDATED');
    await (p.subgraphs.records.app as RecordsApp).changeFeed.drain();

    expect(await deliverWebhooks()).toMatchObject({ delivered: 0, retried: 1 });
    expect(await deliverWebhooks()).toMatchObject({ delivered: 0, retried: 1 });
    expect(await deliverWebhooks()).toMatchObject({ delivered: 1, failed: 0 });
    const got = at('/changed');
    expect(got.map((r) => r.answered)).toEqual([500, 500, 204]);
    // One event: the same id on every attempt, a fresh timestamp and signature each time.
    expect(new Set(got.map((r) => r.headers['x-credit-webhook-id'])).size).toBe(1);
    expect(got.every((r) => signatureValid(r, a.secret))).toBe(true);
    expect(JSON.parse(got[2].body)).toMatchObject({
      kind: 'RECORDS_CHANGED',
      reportNumber: report.number,
      recordChangeKinds: ['CORRECTED'],
    });
    const list = await gql(p.gatewayUrl, DELIVERIES, {}, a.token);
    expect(list.data!.myWebhookDeliveries).toEqual([
      expect.objectContaining({ kind: 'RECORDS_CHANGED', status: 'DELIVERED', attempts: 3, lastError: null }),
    ]);
  });

  it('delivers an event queued before the reports subgraph restarted, once, with the secret it kept', async () => {
    const a = await partner(`wc${run}`);
    const report = await issuedReport();
    await subscribe(a.token, report, '/restart');
    await revoke(report.subject, report.number);

    // A new reports process on the same database and port: the queued event survives it.
    const old = reportsApp();
    const port = Number(new URL(p.subgraphs.reports.url).port);
    await p.stopSubgraph('reports');
    await old.shutdown();
    const fresh = await createReportsApp(loadReportsEnv(p.env), { logger: createLogger('reports', 'silent') });
    p.subgraphs.reports.app = fresh;
    await listen(fresh.http, port, '127.0.0.1');

    expect((await deliverWebhooks()).delivered).toBe(1);
    expect((await deliverWebhooks()).delivered).toBe(0);
    const got = at('/restart');
    expect(got).toHaveLength(1);
    expect(signatureValid(got[0], a.secret)).toBe(true);
    expect(JSON.parse(got[0].body)).toMatchObject({ kind: 'REVOKED', reportNumber: report.number });
  });

  it('parks an event after WEBHOOK_MAX_ATTEMPTS failures; its partner alone sees it and redelivers it', async () => {
    const a = await partner(`wd${run}`);
    const b = await partner(`we${run}`);
    const report = await issuedReport();
    await subscribe(a.token, report, '/parked');
    failures.set('/parked', 3);
    await revoke(report.subject, report.number);
    expect(await deliverWebhooks()).toMatchObject({ retried: 1 });
    expect(await deliverWebhooks()).toMatchObject({ retried: 1 });
    expect(await deliverWebhooks()).toMatchObject({ failed: 1 });
    expect(await deliverWebhooks()).toMatchObject({ delivered: 0, retried: 0, failed: 0 });

    const parked = await gql(p.gatewayUrl, DELIVERIES, { s: 'FAILED' }, a.token);
    const [row] = parked.data!.myWebhookDeliveries;
    expect(row).toMatchObject({ kind: 'REVOKED', status: 'FAILED', attempts: 3 });
    expect(row.lastError).toMatch(/^HTTP_500: /);

    // Another partner sees none of it and cannot act on it.
    const theirs = await gql(p.gatewayUrl, DELIVERIES, {}, b.token);
    expect(theirs.data!.myWebhookDeliveries).toEqual([]);
    const steal = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { redeliverWebhook(id: $id) { status } }',
      { id: row.id },
      b.token,
    );
    expect(errorCode(steal)).toBe('NOT_FOUND');
    const subs = await gql(p.gatewayUrl, '{ mySubscriptions { id } }', {}, b.token);
    expect(subs.data!.mySubscriptions).toEqual([]);

    const again = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { redeliverWebhook(id: $id) { status attempts eventId } }',
      { id: row.id },
      a.token,
    );
    expect(again.data!.redeliverWebhook).toEqual({ status: 'PENDING', attempts: 0, eventId: row.eventId });
    expect((await deliverWebhooks()).delivered).toBe(1);
    const got = at('/parked');
    expect(got.map((r) => r.answered)).toEqual([500, 500, 500, 204]);
    expect(got.filter((r) => r.answered === 204 && r.headers['x-credit-webhook-id'] === row.eventId)).toHaveLength(1);
    expect(signatureValid(got[3], a.secret)).toBe(true);
  });

  it('sends nothing for a cancelled subscription and refuses a callback URL with its field', async () => {
    const a = await partner(`wf${run}`);
    const report = await issuedReport();
    const sub = await subscribe(a.token, report, '/cancelled');
    const bad = await gql(
      p.gatewayUrl,
      SUBSCRIBE,
      { n: report.number, c: report.verificationCode, u: 'ftp://127.0.0.1/x' },
      a.token,
    );
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'callbackUrl' });
    const b = await partner(`wg${run}`);
    const other = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { unsubscribeFromReport(id: $id) { active } }',
      { id: sub.id },
      b.token,
    );
    expect(errorCode(other)).toBe('NOT_FOUND');
    const off = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { unsubscribeFromReport(id: $id) { active } }',
      { id: sub.id },
      a.token,
    );
    expect(off.data!.unsubscribeFromReport.active).toBe(false);
    await revoke(report.subject, report.number);
    await deliverWebhooks();
    expect(at('/cancelled')).toHaveLength(0);
    const mine = await gql(p.gatewayUrl, '{ mySubscriptions(includeCancelled: true) { id active } }', {}, a.token);
    expect(mine.data!.mySubscriptions).toEqual([{ id: sub.id, active: false }]);
  });

  it('under production rules parks an event for a loopback callback at once, without calling it', async () => {
    const a = await partner(`wh${run}`);
    const report = await issuedReport();
    await subscribe(a.token, report, '/ssrf');
    await revoke(report.subject, report.number);
    const app = reportsApp();
    const production = new WebhookDeliveries(
      app.dataSource,
      new WebhookSecrets(app.dataSource, app.services.keyring.codeSecret),
      {
        rules: { requireHttps: false, allowPrivateAddresses: false },
        timeoutMs: 5000,
        maxResponseBytes: 65536,
        pollMs: 0,
        maxAttempts: 3,
        logger: createLogger('webhooks', 'silent'),
      },
    );
    expect(await production.drain()).toMatchObject({ delivered: 0, failed: 1 });
    expect(at('/ssrf')).toHaveLength(0);
    const [row] = (await gql(p.gatewayUrl, DELIVERIES, {}, a.token)).data!.myWebhookDeliveries;
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(row.lastError).toContain('CALLBACK_REFUSED: host 127.0.0.1 is not a public address');
  });

  it("queues BREACHED once per breach for reports issued before it, through reports' internal mutation", async () => {
    const a = await partner(`wi${run}`);
    const report = await issuedReport();
    await subscribe(a.token, report, '/breached');
    // What entities' typed client sends (SERVICE token, straight to the subgraph: the field is @inaccessible).
    const reportsApi = createServiceClient({ url: p.subgraphs.reports.url, service: 'entities', auth: TEST_AUTH });
    const breach = {
      creditCode: report.subject.creditCode,
      commitmentId: `c-${run}`,
      breachedAt: new Date().toISOString(),
    };
    expect((await reportsApi(ReportsApi.CommitmentBreachedDocument, breach)).internalCommitmentBreached).toBe(1);
    // Delivered again (an outbox retry): nothing new.
    expect((await reportsApi(ReportsApi.CommitmentBreachedDocument, breach)).internalCommitmentBreached).toBe(0);
    // A breach before the report was issued is no news about it.
    const earlier = { ...breach, commitmentId: `c0-${run}`, breachedAt: '2020-01-01T00:00:00.000Z' };
    expect((await reportsApi(ReportsApi.CommitmentBreachedDocument, earlier)).internalCommitmentBreached).toBe(0);
    expect((await deliverWebhooks()).delivered).toBe(1);
    const got = at('/breached');
    expect(got).toHaveLength(1);
    expect(signatureValid(got[0], a.secret)).toBe(true);
    expect(JSON.parse(got[0].body)).toMatchObject({
      kind: 'BREACHED',
      reportNumber: report.number,
      occurredAt: breach.breachedAt,
    });
  });

  it("delivers a breach marked through the gateway once, through entities' outbox, for reports issued before it only", async () => {
    const a = await partner(`wj${run}`);
    const before = await issuedReport();
    await subscribe(a.token, before, '/breach-before');
    const made = await gql(
      p.gatewayUrl,
      'mutation { makeCommitment(input: { domains: ["D07"], statement: "本企业承诺在市场监管领域无违法违规行为" }) { id } }',
      {},
      before.subject.token,
    );
    expect(made.errors).toBeUndefined();
    const id = made.data!.makeCommitment.id as string;
    // A source unit of one of the commitment's domains marks it (the lead department may too).
    const marked = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { markCommitmentBreached(id: $id, reason: "市场监管部门查实虚假承诺") { status breachedAt } }',
      { id },
      unit,
    );
    expect(marked.data!.markCommitmentBreached.status).toBe('BREACHED');
    const breachedAt = marked.data!.markCommitmentBreached.breachedAt as string;
    // Cleared, and a report issued, before entities' outbox goes out: reports must judge by the
    // breach's own time, carried in the row, not by when it hears of it.
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const cleared = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { clearCommitmentBreach(id: $id, reason: "复核后撤销认定") { status } }',
      { id },
      lead,
    );
    expect(cleared.data!.clearCommitmentBreach.status).toBe('ACTIVE');
    const after = await issue(before.subject);
    await subscribe(a.token, after, '/breach-after');

    const feed = (p.subgraphs.entities.app as EntitiesApp).breachFeed;
    expect(await feed.drain()).toMatchObject({ delivered: 1, failed: 0 });
    expect((await feed.drain()).delivered).toBe(0);
    expect((await deliverWebhooks()).delivered).toBe(1);
    expect((await deliverWebhooks()).delivered).toBe(0);
    const got = at('/breach-before');
    expect(got).toHaveLength(1);
    expect(signatureValid(got[0], a.secret)).toBe(true);
    expect(got[0].headers['x-credit-webhook-key']).toBe(a.keyId);
    expect(JSON.parse(got[0].body)).toMatchObject({
      kind: 'BREACHED',
      reportNumber: before.number,
      occurredAt: breachedAt,
    });
    expect(at('/breach-after')).toHaveLength(0);
  });
});
