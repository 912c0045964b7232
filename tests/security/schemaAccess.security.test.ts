import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGateway, loadGatewayEnv, type GatewayApp } from '@credit/gateway';
import { closeServer, createLogger, listen, type TokenClaims } from '@credit/shared';
import { errorCode, gql, testEnv, tokenFor } from '@credit/shared/test';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  printSchema,
  type GraphQLObjectType,
  type IntrospectionQuery,
} from 'graphql';
import { CONSOLE_GENERATED, CONSOLE_HEADER, consoleOperationTypes } from '../../scripts/src/consoleClient';
import { identityProvider, root } from '../production/support';

// Issues 27.8 and 28.5: schema tools of every caller with a token load the schema (introspection or
// GET /schema.graphql), anonymous callers do not in production, and refusals teach nobody the schema.
// Neither needs a subgraph: the gateways serve the committed supergraph, and nothing here is planned.
const supergraphSdl = readFileSync(join(root, 'gateway/supergraph.graphql'), 'utf8');
const idp = identityProvider();
const partnerClaims: TokenClaims = { role: 'PARTNER', partnerId: 'bid-center', province: '440000' };

interface Served {
  app: GatewayApp;
  url: string;
  base: string;
}
async function serve(env: Record<string, string | undefined>): Promise<Served> {
  const app = await createGateway({ env: loadGatewayEnv(env), supergraphSdl, logger: createLogger('gw', 'silent') });
  const port = await listen(app.http, 0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}/graphql` };
}

let dev: Served;
let production: Served;
beforeAll(async () => {
  dev = await serve(testEnv());
  production = await serve({
    ...testEnv(),
    NODE_ENV: 'production',
    JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
    DB_URL: 'mysql://unused@127.0.0.1:1/credit',
  });
});
afterAll(async () => {
  for (const s of [dev, production]) {
    await closeServer(s.app.http);
    await s.app.stop();
  }
});

const getSchemaFile = async (s: Served, token?: string) => {
  const res = await fetch(`${s.base}/schema.graphql`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

const rootFieldNames = (t: GraphQLObjectType | null | undefined) => Object.keys(t?.getFields() ?? {});

describe('schema tools with a token', () => {
  it("a partner's standard introspection in production loads a schema that types the console's operations", async () => {
    const token = await idp.sign(partnerClaims);
    const r = await gql<IntrospectionQuery>(production.url, getIntrospectionQuery(), {}, token);
    expect(r.errors).toBeUndefined();
    const schema = buildClientSchema(r.data!);
    expect(String(schema.getQueryType()!.getFields().verifyReport.type)).toBe('ReportVerification!');
    const roots = [...rootFieldNames(schema.getQueryType()), ...rootFieldNames(schema.getMutationType())];
    expect(roots.filter((f) => f.startsWith('internal'))).toEqual([]);
    expect(Object.keys(schema.getTypeMap()).filter((t) => /^(join|link)__/.test(t))).toEqual([]);
    // Types generated from what the partner loaded are exactly the console's, generated from the supergraph.
    const generated = CONSOLE_HEADER + (await consoleOperationTypes(root, schema));
    expect(generated).toBe(readFileSync(join(root, CONSOLE_GENERATED), 'utf8'));
  });

  it('is exempt from the cost limit but not from its own depth limit', async () => {
    const token = await idp.sign(partnerClaims);
    let ofType = 'name';
    for (let i = 0; i < 14; i++) ofType = `ofType { ${ofType} }`;
    const deep = `{ __type(name: "Subject") { fields { type { ${ofType} } } } }`;
    const r = await gql(production.url, deep, {}, token);
    expect([r.status, errorCode(r)]).toEqual([400, 'DEPTH_LIMIT_EXCEEDED']);
    expect(r.errors![0].message).toContain('introspection depth 18 exceeds the limit of 15');
    expect(r.data).toBeUndefined();
  });

  it('GET /schema.graphql serves the same API schema as SDL', async () => {
    const token = await idp.sign(partnerClaims);
    const file = await getSchemaFile(production, token);
    expect([file.status, file.type]).toEqual([200, 'application/graphql; charset=utf-8']);
    expect(file.text).not.toMatch(/\binternal[A-Z]\w*\(|join__|link__|@inaccessible/);
    const introspected = await gql<IntrospectionQuery>(production.url, getIntrospectionQuery(), {}, token);
    expect(printSchema(buildSchema(file.text))).toBe(printSchema(buildClientSchema(introspected.data!)));
  });
});

describe('anonymous schema access', () => {
  it('is refused in production with UNAUTHENTICATED, by introspection and by file; __typename still answers', async () => {
    const full = await gql(production.url, getIntrospectionQuery());
    expect([full.status, errorCode(full), full.data]).toEqual([401, 'UNAUTHENTICATED', undefined]);
    const one = await gql(production.url, '{ __type(name: "Subject") { name } }');
    expect([one.status, errorCode(one)]).toEqual([401, 'UNAUTHENTICATED']);
    const file = await getSchemaFile(production);
    expect(file.status).toBe(401);
    expect(JSON.parse(file.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await gql(production.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('is allowed outside production', async () => {
    expect((await gql(dev.url, getIntrospectionQuery())).errors).toBeUndefined();
    expect((await getSchemaFile(dev)).status).toBe(200);
  });
});

describe('refused operations leak nothing', () => {
  const misspelt = '{ subjec(creditCode: "x") { name } }';
  const misspeltPublic = '{ verifyReport(number: "x", verificationCode: "y") { authentc } }';

  it('validation errors carry no "Did you mean" for anonymous callers, partners and subjects', async () => {
    const partner = await tokenFor(partnerClaims);
    const subject = await tokenFor({ role: 'SUBJECT', creditCode: '91520100MA6DKQ4X2R' });
    for (const [url, token] of [
      [dev.url, undefined],
      [dev.url, partner],
      [dev.url, subject],
      [production.url, undefined],
      [production.url, await idp.sign(partnerClaims)],
    ] as const) {
      for (const [query, message] of [
        [misspelt, 'Cannot query field "subjec" on type "Query".'],
        [misspeltPublic, 'Cannot query field "authentc" on type "ReportVerification".'],
      ]) {
        const r = await gql(url, query, {}, token);
        expect([r.status, errorCode(r), r.errors![0].message]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED', message]);
      }
    }
  });

  it('keeps the suggestions for the lead department', async () => {
    const r = await gql(dev.url, misspelt, {}, await tokenFor({ role: 'LEAD_DEPARTMENT' }));
    expect(r.errors![0].message).toBe(
      'Cannot query field "subjec" on type "Query". Did you mean "subject" or "subjects"?',
    );
  });

  it('a subscription -> 400 OPERATION_NOT_SUPPORTED, no stack trace', async () => {
    for (const [url, token] of [
      [dev.url, await tokenFor(partnerClaims)],
      [dev.url, undefined],
      [production.url, await idp.sign(partnerClaims)],
    ] as const) {
      const r = await gql(
        url,
        'subscription Changes { verifyReport(number: "x", verificationCode: "y") { authentic } }',
        {},
        token,
      );
      expect([r.status, errorCode(r)]).toEqual([400, 'OPERATION_NOT_SUPPORTED']);
      expect(r.errors![0].extensions).toEqual({ code: 'OPERATION_NOT_SUPPORTED', field: 'query' });
      expect(r.data).toBeUndefined();
    }
  });
});
