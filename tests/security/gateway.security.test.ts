import { DEMO_SUBJECTS } from '@credit/shared';
import { errorCode, gql, tokenFor, usingRedis } from '@credit/shared/test';
import { SignJWT } from 'jose';
import { entities, startPlatform, type Platform } from '../platform';
import { extraGateway, rawPost } from './support';

// Probes of the public endpoint that need only the entities subgraph. Each asserts the answer's
// code, that nothing was written, and the audit entry where one is due.
let p: Platform;
const company = DEMO_SUBJECTS.ENTERPRISE;
const other = DEMO_SUBJECTS.FARMER_COOPERATIVE;
const SUBJECT_Q = `query($code: String!) { subject(creditCode: $code) { creditCode name legalRepresentative } }`;

beforeAll(async () => {
  p = await startPlatform([entities], {
    SEED_DEMO: 'true',
    MAX_DEPTH: '6',
    MAX_ALIASES: '10',
    MAX_ROOT_FIELDS: '5',
    MAX_COST: '1000',
    MAX_BODY_BYTES: '20000',
    RATE_LIMIT_PER_PRINCIPAL: '1000',
  });
});
afterAll(() => p.stop());

const db = () => p.subgraphs.entities.app.dataSource;
const subjectCount = async () => Number((await db().query('SELECT COUNT(*) AS n FROM subject'))[0].n);
const auditCount = async () => Number((await db().query('SELECT COUNT(*) AS n FROM audit_log'))[0].n);

async function expectNothingWritten<T>(probe: () => Promise<T>): Promise<T> {
  const [subjects, audits] = [await subjectCount(), await auditCount()];
  const result = await probe();
  expect(await subjectCount()).toBe(subjects);
  expect(await auditCount()).toBe(audits);
  return result;
}

describe('authentication probes', () => {
  it('no token where one is needed -> UNAUTHENTICATED', async () => {
    const r = await expectNothingWritten(() => gql(p.gatewayUrl, SUBJECT_Q, { code: company.creditCode }));
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
  });

  it('expired token -> 401 UNAUTHENTICATED', async () => {
    const token = await tokenFor({ role: 'LEAD_DEPARTMENT' }, Math.floor(Date.now() / 1000) - 1);
    const r = await expectNothingWritten(() => gql(p.gatewayUrl, SUBJECT_Q, { code: company.creditCode }, token));
    expect([r.status, errorCode(r)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(r.errors![0].message).toContain('expired');
  });

  it('token signed with another key -> 401 UNAUTHENTICATED', async () => {
    const token = await new SignJWT({ role: 'LEAD_DEPARTMENT' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('gz-credit-platform')
      .setAudience('gz-credit-graph')
      .setSubject('m')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-completely-different-secret-of-40-chars!'));
    const r = await expectNothingWritten(() => gql(p.gatewayUrl, SUBJECT_Q, { code: company.creditCode }, token));
    expect([r.status, errorCode(r)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('alg: none -> 401 UNAUTHENTICATED', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${b64({ alg: 'none' })}.${b64({ role: 'LEAD_DEPARTMENT', sub: 'x', iss: 'gz-credit-platform', aud: 'gz-credit-graph', exp: 9_999_999_999 })}.`;
    const r = await expectNothingWritten(() => gql(p.gatewayUrl, SUBJECT_Q, { code: company.creditCode }, token));
    expect([r.status, errorCode(r)]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('authorisation probes', () => {
  it('a subject reading another subject -> FORBIDDEN, no data, no audit entry', async () => {
    const token = await tokenFor({ role: 'SUBJECT', creditCode: other.creditCode });
    const r = await expectNothingWritten(() => gql(p.gatewayUrl, SUBJECT_Q, { code: company.creditCode }, token));
    expect(errorCode(r)).toBe('FORBIDDEN');
    expect(r.data?.subject ?? null).toBeNull();
  });

  it('an analyst asking for identities -> FORBIDDEN on subject and on subjects', async () => {
    const token = await tokenFor({ role: 'ANALYST' });
    const one = await expectNothingWritten(() => gql(p.gatewayUrl, SUBJECT_Q, { code: company.creditCode }, token));
    expect(errorCode(one)).toBe('FORBIDDEN');
    const list = await expectNothingWritten(() =>
      gql(p.gatewayUrl, '{ subjects(first: 5) { edges { node { name } } } }', {}, token),
    );
    expect(errorCode(list)).toBe('FORBIDDEN');
  });

  it('a permitted read by a non-owner leaves exactly one audit entry with the request id', async () => {
    const token = await tokenFor({ role: 'OPERATOR', operatorId: 'probe-window' });
    const before = await auditCount();
    const r = await gql(p.gatewayUrl, SUBJECT_Q, { code: company.creditCode }, token, {
      'x-request-id': 'probe-audit-0001',
    });
    expect(r.errors).toBeUndefined();
    expect(await auditCount()).toBe(before + 1);
    const [row] = await db().query(
      "SELECT actor, action, subjectCode, requestId FROM audit_log WHERE requestId = 'probe-audit-0001'",
    );
    expect(row).toMatchObject({
      actor: 'operator:probe-window',
      action: 'subject.read',
      subjectCode: company.creditCode,
    });
  });
});

describe('operation limit probes', () => {
  it('depth bomb -> DEPTH_LIMIT_EXCEEDED naming limit and excess, before any subgraph call', async () => {
    // The entities graph is at most four levels deep, so this probe runs against a gateway limited to 3.
    const g = await extraGateway(p, { MAX_DEPTH: '3' });
    try {
      const token = await tokenFor({ role: 'LEAD_DEPARTMENT' });
      const r = await expectNothingWritten(() =>
        gql(g.url, '{ subjects(first: 1) { edges { node { creditCode } } pageInfo { endCursor } } }', {}, token),
      );
      expect(r.status).toBe(400);
      expect(r.errors![0].extensions).toMatchObject({ code: 'DEPTH_LIMIT_EXCEEDED', limit: 3, actual: 4, excess: 1 });
      expect(r.errors![0].message).toBe('operation depth 4 exceeds the limit of 3 by 1');
    } finally {
      await g.stop();
    }
  });

  it('alias bomb -> ALIAS_LIMIT_EXCEEDED', async () => {
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: regions { code }`).join(' ')} }`;
    const r = await gql(p.gatewayUrl, query);
    expect(r.errors![0].extensions).toMatchObject({ code: 'ALIAS_LIMIT_EXCEEDED', limit: 10, actual: 30, excess: 20 });
  });

  it('too many root fields -> ROOT_FIELD_LIMIT_EXCEEDED', async () => {
    const r = await gql(
      p.gatewayUrl,
      '{ regions { code } domains { code } sourceUnits { code } r2: regions { code } d2: domains { code } r3: regions { code } }',
      {},
      await tokenFor({ role: 'ANALYST' }),
    );
    expect(r.errors![0].extensions).toMatchObject({ code: 'ROOT_FIELD_LIMIT_EXCEEDED', limit: 5, actual: 6 });
  });

  it('a page too costly -> COST_LIMIT_EXCEEDED with the estimate', async () => {
    const token = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const r = await gql(
      p.gatewayUrl,
      '{ subjects(first: 100) { edges { node { creditCode name kind status regionCode legalRepresentative registrationAuthority establishedOn masked } } } }',
      {},
      token,
    );
    // 100 nodes x (1 + 9 fields) + edges + connection = 1,101 > 1,000
    expect(r.errors![0].extensions).toMatchObject({
      code: 'COST_LIMIT_EXCEEDED',
      limit: 1000,
      actual: 1101,
      excess: 101,
    });
    const small = await gql(p.gatewayUrl, '{ subjects(first: 10) { edges { node { creditCode } } } }', {}, token);
    expect(small.errors).toBeUndefined();
  });

  it('one document, its page size in a variable: each request is costed with its own page size', async () => {
    // The gateway measures a document once per page size: the cheap answer must not let the costly one through.
    const token = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const query =
      'query($n: Int, $code: String!) { subjects(first: $n) { edges { node { creditCode name kind status regionCode legalRepresentative registrationAuthority establishedOn masked } } } probe: subject(creditCode: $code) { name } }';
    const cheap = await gql(p.gatewayUrl, query, { n: 5, code: company.creditCode }, token);
    expect(cheap.errors).toBeUndefined();
    const costly = await gql(p.gatewayUrl, query, { n: 100, code: company.creditCode }, token);
    expect(costly.errors![0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 1000 });
    const cheapAgain = await gql(p.gatewayUrl, query, { n: 5, code: company.creditCode }, token);
    expect(cheapAgain.errors).toBeUndefined();
    expect(cheapAgain.data?.subjects.edges).toHaveLength(5);
  });

  it('oversized body -> 413 PAYLOAD_TOO_LARGE', async () => {
    const r = await expectNothingWritten(() =>
      rawPost(p.gatewayUrl, JSON.stringify({ query: `{ domains { code } } # ${'x'.repeat(30_000)}` })),
    );
    expect(r.status).toBe(413);
    expect(r.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('oversized batch -> BAD_USER_INPUT naming the argument and the limit, nothing written', async () => {
    const g = await extraGateway(p, { MAX_BODY_BYTES: '1000000' });
    try {
      const rows = Array.from({ length: 1001 }, (_, i) => ({
        creditCode: `X${i}`,
        kind: 'ENTERPRISE',
        name: 'n',
        regionCode: '520100',
      }));
      const token = await tokenFor({ role: 'LEAD_DEPARTMENT' });
      const r = await expectNothingWritten(() =>
        gql(g.url, 'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }', { s: rows }, token),
      );
      expect(r.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'subjects',
        max: 1000,
        got: 1001,
      });
    } finally {
      await g.stop();
    }
  });
});

describe('malformed request probes', () => {
  it('malformed JSON -> 400 BAD_REQUEST', async () => {
    const r = await rawPost(p.gatewayUrl, '{"query": "{ domains { code } }"');
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('wrong content type -> 400 (CSRF prevention), nothing executed', async () => {
    const r = await expectNothingWritten(() =>
      rawPost(p.gatewayUrl, '{"query":"{ domains { code } }"}', { 'content-type': 'text/plain' }),
    );
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/CSRF|content-type/i);
  });

  it('malformed GraphQL -> GRAPHQL_PARSE_FAILED without a stack trace', async () => {
    const r = await gql(p.gatewayUrl, 'query { domains { code }');
    expect(errorCode(r)).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(r.errors)).not.toMatch(/stacktrace|at .*\.js/);
  });

  it('SQL-looking strings are data, control characters are refused, in every text input', async () => {
    const token = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const probe = await gql(p.gatewayUrl, SUBJECT_Q, { code: "' OR 1=1 --" }, token);
    expect(probe.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });

    const upsert =
      'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created rejected results { verdict reasons { field message } } } }';
    const base = { creditCode: company.creditCode, kind: 'ENTERPRISE', regionCode: company.regionCode };
    const fields = ['name', 'legalRepresentative', 'registrationAuthority'];
    for (const field of fields) {
      const r = await expectNothingWritten(() =>
        gql(p.gatewayUrl, upsert, { s: [{ ...base, name: company.name, [field]: 'bad\u0000value\u001b[31m' }] }, token),
      );
      expect(r.data!.upsertSubjects.results[0]).toEqual({
        verdict: 'REJECTED',
        reasons: [{ field, message: 'must not contain control characters' }],
      });
    }
    const sqlish = "Robert'); DROP TABLE subject;-- 有限公司";
    const r = await gql(p.gatewayUrl, upsert, { s: [{ ...base, name: sqlish }] }, token);
    expect(r.data!.upsertSubjects.results[0].verdict).toBe('UPDATED');
    const back = await gql(p.gatewayUrl, SUBJECT_Q, { code: company.creditCode }, token);
    expect(back.data!.subject.name).toBe(sqlish);
    expect(await subjectCount()).toBeGreaterThan(0);
    await gql(p.gatewayUrl, upsert, { s: [{ ...base, name: company.name }] }, token);
  });
});

describe('errors that reveal nothing internal', () => {
  const subgraphCalls = async () => {
    const text = await (await fetch(p.gatewayUrl.replace('/graphql', '/metrics'))).text();
    return Number(
      /gateway_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="entities"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0,
    );
  };

  it('an anonymous query of a field that needs a token -> 401 UNAUTHENTICATED from the gateway, no subgraph call', async () => {
    const before = await subgraphCalls();
    const res = await fetch(p.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ regions { code } ...F } fragment F on Query { subjects(first: 1) { edges { cursor } } }`,
      }),
    });
    const text = await res.text();
    expect(res.status).toBe(401);
    const body = JSON.parse(text);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(body.errors[0].message).toBe('Query.subjects requires a bearer token');
    expect(text).not.toMatch(/127\.0\.0\.1|response|401: 401/);
    expect(await subgraphCalls()).toBe(before);
  });

  it('an anonymous mutation -> UNAUTHENTICATED; public fields still answer without a token', async () => {
    const m = await gql(p.gatewayUrl, 'mutation { setDomainActive(code: "D07", active: false) { code } }');
    expect([m.status, errorCode(m)]).toEqual([401, 'UNAUTHENTICATED']);
    const pub = await gql(p.gatewayUrl, '{ regions { code } domains { code } __typename }');
    expect(pub.errors).toBeUndefined();
    expect(pub.data!.regions).toHaveLength(10);
  });

  it('a subgraph that is down -> SERVICE_UNAVAILABLE naming it, without its address', async () => {
    await p.stopSubgraph('entities');
    try {
      const token = await tokenFor({ role: 'LEAD_DEPARTMENT' });
      const res = await fetch(p.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ regions { code } }' }),
      });
      const text = await res.text();
      const body = JSON.parse(text);
      expect(body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      expect(body.errors[0].message).toContain('subgraph entities');
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|"response"|serviceName/);
    } finally {
      await p.restartSubgraph('entities');
    }
  });

  it('an operationName that names no operation -> 400 BAD_REQUEST on operationName', async () => {
    const r = await rawPost(
      p.gatewayUrl,
      JSON.stringify({ query: 'query A { regions { code } } query B { domains { code } }', operationName: 'C' }),
    );
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', field: 'operationName' });
    const unnamed = await rawPost(
      p.gatewayUrl,
      JSON.stringify({ query: 'query A { regions { code } } query B { domains { code } }' }),
    );
    expect([unnamed.status, unnamed.json.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('an APQ request whose hash is not its query -> 400 PERSISTED_QUERY_HASH_MISMATCH, nothing registered', async () => {
    const ext = { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } };
    const r = await rawPost(p.gatewayUrl, JSON.stringify({ query: '{ regions { code } }', extensions: ext }));
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions).toEqual({
      code: 'PERSISTED_QUERY_HASH_MISMATCH',
      field: 'extensions.persistedQuery.sha256Hash',
    });
    const byHash = await rawPost(p.gatewayUrl, JSON.stringify({ extensions: ext }));
    expect(byHash.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('a chunked body over the limit -> 413 PAYLOAD_TOO_LARGE, not a connection reset', async () => {
    const { request } = await import('node:http');
    const url = new URL(p.gatewayUrl);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      // No content-length: the body arrives in chunks, 40 kB in all against a limit of 20 kB.
      req.write(`{"query":"{ domains { code } }","x":"`);
      for (let i = 0; i < 40; i++) req.write('x'.repeat(1000));
      req.end('"}');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('rate limits', () => {
  it('answers RATE_LIMITED with retry-after once a principal spends its budget', async () => {
    const g = await extraGateway(p, { RATE_LIMIT_PER_PRINCIPAL: '3', CACHE_PREFIX: `${p.env.CACHE_PREFIX}-solo` });
    try {
      const token = await tokenFor({ role: 'ANALYST', sub: `rl-${Date.now()}` });
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push(errorCode(await gql(g.url, '{ regions { code } }', {}, token)) ?? 'OK');
      expect(codes).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED']);
      const res = await fetch(g.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{"query":"{ regions { code } }"}',
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await g.stop();
    }
  });

  it('limits anonymous callers per IP', async () => {
    const g = await extraGateway(p, { RATE_LIMIT_ANONYMOUS_PER_IP: '2', CACHE_PREFIX: `${p.env.CACHE_PREFIX}-anon` });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push(errorCode(await gql(g.url, '{ regions { code } }')) ?? 'OK');
      expect(codes).toEqual(['OK', 'OK', 'RATE_LIMITED']);
    } finally {
      await g.stop();
    }
  });

  (usingRedis ? it : it.skip)('two gateway instances share one budget through Redis (needs REDIS_URL)', async () => {
    const env = { RATE_LIMIT_PER_PRINCIPAL: '4', CACHE_PREFIX: `${p.env.CACHE_PREFIX}-shared` };
    const [a, b] = [await extraGateway(p, env), await extraGateway(p, env)];
    try {
      const token = await tokenFor({ role: 'ANALYST', sub: `shared-${Date.now()}` });
      const codes = [];
      for (let i = 0; i < 6; i++)
        codes.push(errorCode(await gql(i % 2 ? b.url : a.url, '{ regions { code } }', {}, token)) ?? 'OK');
      expect(codes).toEqual(['OK', 'OK', 'OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED']);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

describe('persisted operations and observability', () => {
  it('registers an automatic persisted query and runs it by hash', async () => {
    const query = '{ regions { code } }';
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(query).digest('hex');
    const ext = { persistedQuery: { version: 1, sha256Hash: hash } };
    const miss = await rawPost(p.gatewayUrl, JSON.stringify({ extensions: ext }));
    expect(miss.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    await rawPost(p.gatewayUrl, JSON.stringify({ query, extensions: ext }));
    const hit = await rawPost(p.gatewayUrl, JSON.stringify({ extensions: ext }));
    expect(hit.json.data.regions).toHaveLength(10);
  });

  it('exposes per-operation latency histograms at /metrics on the gateway and the subgraph', async () => {
    await gql(p.gatewayUrl, 'query RegionsForMetrics { regions { code } }');
    const gw = await (await fetch(p.gatewayUrl.replace('/graphql', '/metrics'))).text();
    expect(gw).toMatch(/graphql_operation_duration_seconds_bucket\{[^}]*operation="RegionsForMetrics"/);
    expect(gw).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="entities"/);
    const sg = await (await fetch(p.subgraphs.entities.url.replace('/graphql', '/metrics'))).text();
    expect(sg).toMatch(/graphql_requests_total\{[^}]*service="entities"/);
  });
});

describe('audit trail', () => {
  const ACCESS_LOG = `query($code: String!) { subject(creditCode: $code) { accessLog(first: 20) { entries { actor role action requestId service } unavailable } } }`;

  it('shows a subject who looked at it, and the lead department the merged trail', async () => {
    const requestId = `who-looked-${Date.now()}`;
    await gql(
      p.gatewayUrl,
      SUBJECT_Q,
      { code: other.creditCode },
      await tokenFor({ role: 'PARTNER', partnerId: 'sc-bank', province: '510000' }),
      { 'x-request-id': requestId },
    );

    const own = await gql(
      p.gatewayUrl,
      ACCESS_LOG,
      { code: other.creditCode },
      await tokenFor({ role: 'SUBJECT', creditCode: other.creditCode }),
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.subject.accessLog.entries).toContainEqual({
      actor: 'partner:510000/sc-bank',
      role: 'PARTNER',
      action: 'subject.read',
      requestId,
      service: 'entities',
    });

    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const trail = await gql(
      p.gatewayUrl,
      `query($f: AuditTrailFilter!) { auditTrail(filter: $f) { entries { actor subjectCode requestId } unavailable } }`,
      { f: { subjectCode: other.creditCode, action: 'subject.read', first: 10 } },
      lead,
    );
    expect(trail.data!.auditTrail.unavailable).toEqual([]);
    expect(trail.data!.auditTrail.entries.map((e: { requestId: string }) => e.requestId)).toContain(requestId);
  });

  it("refuses the trail to anyone but the lead department, and another subject's access log", async () => {
    const analyst = await gql(
      p.gatewayUrl,
      '{ auditTrail(filter: { first: 5 }) { entries { actor } } }',
      {},
      await tokenFor({ role: 'ANALYST' }),
    );
    expect(errorCode(analyst)).toBe('FORBIDDEN');
    const nosy = await gql(
      p.gatewayUrl,
      ACCESS_LOG,
      { code: other.creditCode },
      await tokenFor({ role: 'SUBJECT', creditCode: company.creditCode }),
    );
    expect(errorCode(nosy)).toBe('FORBIDDEN');
  });

  it('does not expose the internal audit API through the gateway', async () => {
    const r = await gql(
      p.gatewayUrl,
      '{ internalAuditEntries(first: 1) { actor } }',
      {},
      await tokenFor({ role: 'LEAD_DEPARTMENT' }),
    );
    expect(errorCode(r)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
