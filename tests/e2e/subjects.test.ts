import { SignJWT } from 'jose';
import { errorCode, gql, TEST_AUTH, tokenFor } from '@credit/shared/test';
import { DEMO_SUBJECTS } from '@credit/shared';
import { entities, startPlatform, type Platform } from '../platform';

let p: Platform;
beforeAll(async () => {
  p = await startPlatform([entities], { SEED_DEMO: 'true' });
});
afterAll(() => p.stop());

const company = DEMO_SUBJECTS.ENTERPRISE;
const person = DEMO_SUBJECTS.NATURAL_PERSON;
const Q = `query($code: String!) { subject(creditCode: $code) { creditCode name kind regionCode legalRepresentative masked } domains { code nameZh } }`;

describe('subjects through the gateway', () => {
  it('answers the README query for the demo subject with its own token', async () => {
    const r = await gql(
      p.gatewayUrl,
      Q,
      { code: company.creditCode },
      await tokenFor({ role: 'SUBJECT', creditCode: company.creditCode }),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.subject).toEqual({
      creditCode: company.creditCode,
      name: company.name,
      kind: 'ENTERPRISE',
      regionCode: company.regionCode,
      legalRepresentative: company.legalRepresentative,
      masked: false,
    });
    expect(r.data!.domains).toHaveLength(43);
  });

  it('shows the owner everything and masks the same person for a source unit and a partner', async () => {
    const own = await gql(
      p.gatewayUrl,
      Q,
      { code: person.creditCode },
      await tokenFor({ role: 'SUBJECT', creditCode: person.creditCode }),
    );
    expect(own.data!.subject.name).toBe(person.name);
    for (const claims of [
      { role: 'SOURCE_UNIT' as const, unitCode: 'GZ-D03', domains: ['D03'] },
      { role: 'PARTNER' as const, partnerId: 'sc', province: '510000' },
    ]) {
      const r = await gql(p.gatewayUrl, Q, { code: person.creditCode }, await tokenFor(claims));
      expect(r.data!.subject.masked).toBe(true);
      expect(r.data!.subject.name).not.toBe(person.name);
      expect(r.data!.subject.name[0]).toBe(person.name[0]);
    }
    const lead = await gql(p.gatewayUrl, Q, { code: person.creditCode }, await tokenFor({ role: 'LEAD_DEPARTMENT' }));
    expect(lead.data!.subject).toMatchObject({ name: person.name, masked: false });
  });

  it('refuses an analyst and a subject reading another subject', async () => {
    const analyst = await gql(p.gatewayUrl, Q, { code: company.creditCode }, await tokenFor({ role: 'ANALYST' }));
    expect(errorCode(analyst)).toBe('FORBIDDEN');
    expect(analyst.data?.subject ?? null).toBeNull();
    const other = await gql(
      p.gatewayUrl,
      Q,
      { code: company.creditCode },
      await tokenFor({ role: 'SUBJECT', creditCode: person.creditCode }),
    );
    expect(errorCode(other)).toBe('FORBIDDEN');
  });

  it('answers UNAUTHENTICATED without a token where one is needed, and for forged or expired tokens', async () => {
    const none = await gql(p.gatewayUrl, Q, { code: company.creditCode });
    expect(errorCode(none)).toBe('UNAUTHENTICATED');

    const forged = await new SignJWT({ role: 'LEAD_DEPARTMENT' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(TEST_AUTH.issuer)
      .setAudience(TEST_AUTH.audience)
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough-0000'));
    const expired = await tokenFor({ role: 'LEAD_DEPARTMENT' }, Math.floor(Date.now() / 1000) - 60);
    for (const [token, reason] of [
      [forged, 'signature'],
      [expired, 'expired'],
      ['not-a-jwt', 'invalid'],
    ] as const) {
      const r = await gql(p.gatewayUrl, Q, { code: company.creditCode }, token);
      expect(r.status).toBe(401);
      expect(errorCode(r)).toBe('UNAUTHENTICATED');
      expect(r.errors![0].message).toContain(reason);
      expect(r.data).toBeUndefined();
    }
  });

  it('needs no token for the public catalogue', async () => {
    const r = await gql(p.gatewayUrl, '{ domains { code } regions { code level } }');
    expect(r.data!.regions.filter((x: { level: string }) => x.level === 'PREFECTURE')).toHaveLength(9);
  });

  it('carries the request id from the gateway to the subgraph and back', async () => {
    const r = await gql(p.gatewayUrl, '{ domains { code } }', {}, undefined, { 'x-request-id': 'e2e-request-0001' });
    expect(r.headers.get('x-request-id')).toBe('e2e-request-0001');
  });

  it('answers malformed GraphQL with a parse error and no stack trace', async () => {
    const r = await gql(p.gatewayUrl, '{ domains { code ');
    expect(errorCode(r)).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(r.errors)).not.toContain('stacktrace');
  });

  it('reports ready only when every subgraph answers', async () => {
    const base = p.gatewayUrl.replace('/graphql', '');
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    await p.stopSubgraph('entities');
    try {
      expect((await fetch(`${base}/health/ready`)).status).toBe(503);
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
    } finally {
      await p.restartSubgraph('entities');
    }
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });
});
