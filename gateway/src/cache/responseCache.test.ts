import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  createLogger,
  FIELDS_INVALIDATED_BY_SUBJECT_CHANGES,
  openCache,
  SubjectChanges,
  subjectChangeFields,
  type Cache,
} from '@credit/shared';
import { buildSchema, isObjectType } from 'graphql';
import type { GatewayContext } from '../context';
import { HISTORY_POLICY, type CachePolicy } from './cachePolicy';
import { responseCachePlugin } from './responseCache';

// A schema like the served one, plus a Subject field a subgraph might add tomorrow (riskScore).
const typeDefs = `
  type Query { subject(creditCode: String!): Subject }
  type Subject { creditCode: ID! name: String! riskScore: Int! recordSummary: RecordSummary! }
  type RecordSummary { records: Int! repaired: Int! }
`;
const CODE = '91520100210000754L';

let cache: Cache;
beforeAll(async () => {
  cache = await openCache({ namespace: `rc-test-${process.pid}` });
});
afterAll(() => cache.close());

/** A server whose resolvers count their calls: a cached answer calls none. */
async function serverWith(policy: CachePolicy) {
  const calls = { subject: 0 };
  const server = new ApolloServer<GatewayContext>({
    typeDefs,
    resolvers: {
      Query: {
        subject: (_: unknown, { creditCode }: { creditCode: string }) => {
          calls.subject++;
          return { creditCode, name: '贵阳乌江医药有限公司', riskScore: 3, recordSummary: { records: 2, repaired: 1 } };
        },
      },
    },
    plugins: [responseCachePlugin({ cache, changes: new SubjectChanges(cache), ttlSeconds: 60, policy: policy })],
  });
  await server.start();
  const contextValue: GatewayContext = {
    requestId: 'r',
    log: createLogger('gateway', 'silent'),
    principal: { sub: `subject:${CODE}`, role: 'SUBJECT', creditCode: CODE },
  };
  const ask = async (query: string) => {
    const r = await server.executeOperation({ query, variables: { c: CODE } }, { contextValue });
    if (r.body.kind !== 'single') throw new Error('expected a single result');
    expect(r.body.singleResult.errors).toBeUndefined();
    return { xCache: r.http.headers.get('x-cache') ?? null, data: r.body.singleResult.data };
  };
  return { server, calls, ask };
}

describe('response cache by allowlist', () => {
  const withRisk = 'query($c: String!) { subject(creditCode: $c) { name riskScore } }';
  const declared = 'query($c: String!) { subject(creditCode: $c) { name recordSummary { records repaired } } }';
  const baseDeclaration = {
    test: {
      Query: ['subject'],
      Subject: ['creditCode', 'name', 'recordSummary'],
      RecordSummary: ['records', 'repaired'],
    },
  };

  it('does not cache a query selecting a field nobody declared as invalidated by subject changes', async () => {
    const { server, calls, ask } = await serverWith({ fields: subjectChangeFields(baseDeclaration) });
    try {
      expect((await ask(withRisk)).xCache).toBeNull();
      const second = await ask(withRisk);
      expect(second.xCache).toBeNull();
      expect(second.data).toEqual({ subject: { name: '贵阳乌江医药有限公司', riskScore: 3 } });
      expect(calls.subject).toBe(2);
      // The declared fields alone are cached: the policy is on, only the new field keeps it off.
      expect((await ask(declared)).xCache).toBe('MISS');
      expect((await ask(declared)).xCache).toBe('HIT');
      expect(calls.subject).toBe(3);
    } finally {
      await server.stop();
    }
  });

  it('caches the same query once its owner declares the field', async () => {
    const { server, calls, ask } = await serverWith({
      fields: subjectChangeFields({ ...baseDeclaration, risk: { Subject: ['riskScore'] } }),
    });
    try {
      // A fresh subject version: the previous test's entries of `declared` do not answer this one.
      await new SubjectChanges(cache).publish([CODE]);
      expect((await ask(withRisk)).xCache).toBe('MISS');
      const second = await ask(withRisk);
      expect(second.xCache).toBe('HIT');
      expect(second.data).toEqual({ subject: { name: '贵阳乌江医药有限公司', riskScore: 3 } });
      expect(calls.subject).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it('declares only fields the served supergraph has, and none owned by reports or objections', () => {
    const schema = buildSchema(readFileSync(join(__dirname, '../../supergraph.graphql'), 'utf8'));
    for (const coordinate of HISTORY_POLICY.fields) {
      const [type, field] = coordinate.split('.');
      const t = schema.getType(type);
      expect(isObjectType(t) && t.getFields()[field] ? coordinate : `${coordinate} is not in the supergraph`).toBe(
        coordinate,
      );
    }
    expect(Object.keys(FIELDS_INVALIDATED_BY_SUBJECT_CHANGES).sort()).toEqual(['entities', 'records']);
    for (const denied of ['Subject.accessLog', 'Subject.commitments', 'Subject.reports', 'Subject.objections']) {
      expect(HISTORY_POLICY.fields.has(denied)).toBe(false);
    }
    expect(HISTORY_POLICY.fields.has('ViolationRecord.objections')).toBe(false);
  });
});
