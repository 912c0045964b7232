import { request } from 'node:http';
import { DEMO_SUBJECTS } from '@credit/shared';
import { gql, tokenFor } from '@credit/shared/test';
import { entities, records, reports, startPlatform, type Platform } from '../platform';
import { extraGateway } from './support';

// A rival at a bid opening guesses codes at a competitor's report number from many machines: each
// machine is locked out of the number on its own wrong codes, never the holder of the right code.
// Every client here is a real source address on the loopback network (127.0.0.N), as the gateway
// sees a real client; the lock threshold and attack threshold are the defaults (10 and 5).
let p: Platform;
let origin: string;
const owner = DEMO_SUBJECTS.ENTERPRISE;

beforeAll(async () => {
  p = await startPlatform([entities, records, reports], { SEED_DEMO: 'true', VERIFY_FAILURE_DELAY_MS: '5' });
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
});
afterAll(() => p.stop());

async function issue(): Promise<{ number: string; verificationCode: string }> {
  const r = await gql(
    p.gatewayUrl,
    'mutation($input: IssueReportInput!) { issueReport(input: $input) { number verificationCode } }',
    { input: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: ['D07'] } },
    await tokenFor({ role: 'SUBJECT', creditCode: owner.creditCode }),
  );
  expect(r.errors).toBeUndefined();
  return r.data!.issueReport;
}

const wrongCode = (code: string) => (code[0] === 'A' ? 'B' : 'A') + code.slice(1);
const VERIFY = `query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic number } }`;

interface Answer {
  status: number;
  /** OK, an error code, or HTML for a page. */
  code: string;
  body: any;
}

/** One HTTP request to `base` sent from the local address `from`, with the headers given. */
function send(
  base: string,
  from: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: from },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const json = (res.headers['content-type'] ?? '').includes('json');
          const parsed = json ? JSON.parse(text) : text;
          const code = json ? (parsed.errors?.[0]?.extensions?.code ?? 'OK') : res.statusCode === 200 ? 'OK' : 'HTML';
          resolve({ status: res.statusCode ?? 0, code, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

type Door = 'graphql' | 'json' | 'html' | 'pdf';
const DOORS: Door[] = ['graphql', 'json', 'html', 'pdf'];

/** A verification attempt through one public door of the gateway at `base`, from the address `from`. */
function attempt(
  from: string,
  door: Door,
  number: string,
  code: string,
  headers: Record<string, string> = {},
  base = origin,
) {
  if (door === 'graphql')
    return send(
      base,
      from,
      'POST',
      '/graphql',
      { 'content-type': 'application/json', ...headers },
      JSON.stringify({ query: VERIFY, variables: { n: number, c: code } }),
    );
  const path =
    door === 'pdf'
      ? `/reports/${number}.pdf?code=${code}`
      : `/verify?number=${number}&code=${code}${door === 'json' ? '&format=json' : ''}`;
  return send(base, from, 'GET', path, { accept: door === 'html' ? 'text/html' : 'application/json', ...headers });
}

const authentic = (a: Answer) => a.body?.data?.verifyReport?.authentic ?? a.body?.authentic;

async function metric(name: string): Promise<number> {
  const text = await (await fetch(p.subgraphs.reports.url.replace('/graphql', '/metrics'))).text();
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

describe('verification nobody can block', () => {
  it('50 wrong codes from 10 addresses: the right code from an 11th is authentic; one attack alarm for the lead department', async () => {
    const { number, verificationCode } = await issue();
    const attacksBefore = await metric('report_verification_attacks_total');
    const windowAt = () => Math.floor(Date.now() / 1000 / 900);
    const firstWindow = windowAt();
    const attackers = Array.from({ length: 10 }, (_, i) => `127.0.0.${10 + i}`);
    // Every attacker at once, five wrong codes each through the four doors in turn.
    const wrong = await Promise.all(
      attackers.map(async (from, a) => {
        const answers: Answer[] = [];
        for (let i = 0; i < 5; i++)
          answers.push(await attempt(from, DOORS[(a + i) % 4], number, wrongCode(verificationCode)));
        return answers;
      }),
    );
    const lastWindow = windowAt();
    expect(wrong.flat()).toHaveLength(50);
    // Each wrong code is answered like an unknown number: nobody was locked out or rate-limited.
    expect(new Set(wrong.flat().map((a) => a.code))).toEqual(new Set(['NOT_FOUND', 'HTML']));

    // The holder, from an address of its own, through GraphQL and the /verify page and JSON.
    const byGraphql = await attempt('127.0.0.20', 'graphql', number, verificationCode);
    expect(byGraphql.code).toBe('OK');
    expect(byGraphql.body.data.verifyReport).toEqual({ authentic: true, number });
    const byJson = await attempt('127.0.0.21', 'json', number, verificationCode);
    expect([byJson.status, authentic(byJson)]).toEqual([200, true]);
    const byPage = await attempt('127.0.0.22', 'html', number, verificationCode);
    expect(byPage.status).toBe(200);
    // An attacker with half its own allowance spent still gets its answer, too.
    expect(authentic(await attempt(attackers[0], 'graphql', number, verificationCode))).toBe(true);

    // Ten clients at one number crossed the attack threshold (five): counted once, audited once.
    expect(await metric('report_verification_attacks_total')).toBe(attacksBefore + 1);
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const trail = await gql(
      p.gatewayUrl,
      'query { auditTrail(filter: { action: "report.verify.attacked", first: 50 }) { entries { action target role service } } }',
      {},
      lead,
    );
    expect(trail.errors).toBeUndefined();
    const alarms = trail.data!.auditTrail.entries.filter((e: { target: string }) => e.target === number);
    // One per attack window: two only if a window boundary fell inside the run (never asserted on time).
    expect(alarms).toHaveLength(firstWindow === lastWindow ? 1 : 2);
    expect(alarms[0]).toEqual({
      action: 'report.verify.attacked',
      target: number,
      role: 'ANONYMOUS',
      service: 'reports',
    });
  });

  it('still locks out a client on its own ten wrong codes, on every door, and nobody else', async () => {
    const { number, verificationCode } = await issue();
    const from = '127.0.0.30';
    for (let i = 0; i < 10; i++) {
      const a = await attempt(from, DOORS[i % 4], number, wrongCode(verificationCode));
      expect(a.status === 200 || a.status === 404).toBe(true);
    }
    for (const door of DOORS) {
      const a = await attempt(from, door, number, verificationCode);
      if (door !== 'graphql') expect([door, a.status]).toEqual([door, 429]);
      if (door === 'html') expect(a.body).toContain('已暂时锁定');
      else expect([door, a.code]).toEqual([door, 'VERIFICATION_LOCKED']);
    }
    expect(authentic(await attempt('127.0.0.31', 'json', number, verificationCode))).toBe(true);
  });

  it('counts a partner as one client by its partner id, whatever addresses its systems call from', async () => {
    const { number, verificationCode } = await issue();
    const partner = `Bearer ${await tokenFor({ role: 'PARTNER', partnerId: 'bid-center', province: '520000' })}`;
    const auth = { authorization: partner };
    // Ten wrong codes from ten machines of the partner, through GraphQL and the /verify JSON.
    for (let i = 0; i < 10; i++) {
      const a = await attempt(
        `127.0.0.${50 + i}`,
        i % 2 ? 'json' : 'graphql',
        number,
        wrongCode(verificationCode),
        auth,
      );
      expect(a.code).toBe('NOT_FOUND');
    }
    // Another machine of the partner is locked out too, on both doors; the same address without the token is not.
    for (const door of ['graphql', 'json'] as const)
      expect([door, (await attempt('127.0.0.60', door, number, verificationCode, auth)).code]).toEqual([
        door,
        'VERIFICATION_LOCKED',
      ]);
    expect(authentic(await attempt('127.0.0.60', 'graphql', number, verificationCode))).toBe(true);
  });

  it('ignores an address the client names itself: forged forwarding headers give it no fresh count', async () => {
    const { number, verificationCode } = await issue();
    const from = '127.0.0.40';
    const forged = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}`, 'x-credit-client-ip': `203.0.113.${i}` });
    for (let i = 0; i < 10; i++) await attempt(from, DOORS[i % 4], number, wrongCode(verificationCode), forged(i));
    // Had the headers counted, these would be ten clients with one wrong code each.
    for (const door of DOORS) {
      const a = await attempt(from, door, number, verificationCode, forged(99));
      if (door !== 'graphql') expect([door, a.status]).toEqual([door, 429]);
      if (door !== 'html') expect([door, a.code]).toEqual([door, 'VERIFICATION_LOCKED']);
    }
  });

  it('behind a load balancer (TRUST_PROXY) takes the address the balancer appended, not what the client wrote', async () => {
    const { number, verificationCode } = await issue();
    const g = await extraGateway(p, { TRUST_PROXY: 'true' });
    const base = g.url.replace(/\/graphql$/, '');
    try {
      // The client wrote a different address each time before the one the balancer saw (192.0.2.50).
      const via = (written: string, seen: string) => ({ 'x-forwarded-for': `${written}, ${seen}` });
      for (let i = 0; i < 10; i++)
        await attempt(
          '127.0.0.1',
          DOORS[i % 4],
          number,
          wrongCode(verificationCode),
          via(`198.51.100.${i}`, '192.0.2.50'),
          base,
        );
      const locked = await attempt(
        '127.0.0.1',
        'json',
        number,
        verificationCode,
        via('198.51.100.99', '192.0.2.50'),
        base,
      );
      expect([locked.status, locked.code]).toEqual([429, 'VERIFICATION_LOCKED']);
      // Another client behind the same balancer verifies at once.
      const other = await attempt(
        '127.0.0.1',
        'graphql',
        number,
        verificationCode,
        via('192.0.2.50', '192.0.2.51'),
        base,
      );
      expect(authentic(other)).toBe(true);
    } finally {
      await g.stop();
    }
  });
});
