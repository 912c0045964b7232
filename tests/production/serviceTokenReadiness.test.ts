import { startApp } from '@credit/shared/test';
import { createEntitiesApp, loadEntitiesEnv, type EntitiesApp } from '@credit/entities';
import { createRecordsApp, loadRecordsEnv, type RecordsApp } from '@credit/records';
import { createObjectionsApp, loadObjectionsEnv, type ObjectionsApp } from '@credit/objections';

/**
 * A service whose calls to another subgraph would be refused (a SERVICE token the callee does not
 * accept) must not report ready: otherwise every issuance or correction fails behind a green probe.
 */
type Started = { url: string; stop(): Promise<void> };
const ready = async (graphqlUrl: string) => {
  const res = await fetch(graphqlUrl.replace('/graphql', '/health/ready'));
  return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
};

describe('readiness checks that callees accept our SERVICE token', () => {
  let entities: Started;
  let otherKeys: Started;
  const started: { stop(): Promise<void> }[] = [];
  beforeAll(async () => {
    entities = await startApp<EntitiesApp>((env) => createEntitiesApp(loadEntitiesEnv(env)));
    // A callee that trusts other keys than its callers: every internal call would be refused.
    otherKeys = await startApp<EntitiesApp>((env) => createEntitiesApp(loadEntitiesEnv(env)), {
      JWT_SECRET: 'a-different-platform-secret-of-32-chars-or-more',
    });
    started.push(entities, otherKeys);
  });
  afterAll(async () => {
    for (const s of started.reverse()) await s.stop();
  });

  it('is ready when the callee accepts the token, not ready while it refuses it', async () => {
    const good = await startApp<RecordsApp>((env) => createRecordsApp(loadRecordsEnv(env)), {
      ENTITIES_URL: entities.url,
    });
    const refused = await startApp<RecordsApp>((env) => createRecordsApp(loadRecordsEnv(env)), {
      ENTITIES_URL: otherKeys.url,
    });
    started.push(good, refused);
    expect(await ready(good.url)).toEqual({
      status: 200,
      body: expect.objectContaining({ checks: { database: 'up', cache: 'up', serviceToken: 'up' } }),
    });
    expect(await ready(refused.url)).toEqual({
      status: 503,
      body: expect.objectContaining({ checks: { database: 'up', cache: 'up', serviceToken: 'down' } }),
    });
  });

  it('does not blame itself for a callee that is down (its own probe says so)', async () => {
    const objections = await startApp<ObjectionsApp>((env) => createObjectionsApp(loadObjectionsEnv(env)), {
      RECORDS_URL: 'http://127.0.0.1:9/graphql',
      OUTBOX_POLL_MS: '0',
    });
    started.push(objections);
    expect((await ready(objections.url)).status).toBe(200);
  });

  it('answers the token check only for SERVICE principals', async () => {
    const check = (token?: string) =>
      fetch(entities.url.replace('/graphql', '/health/service-token'), {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      }).then((r) => r.status);
    const { tokenFor } = await import('@credit/shared/test');
    expect(await check(await tokenFor({ role: 'SERVICE', service: 'records' }))).toBe(204);
    expect(await check(await tokenFor({ role: 'LEAD_DEPARTMENT' }))).toBe(403);
    expect(await check('not-a-token')).toBe(401);
    expect(await check()).toBe(401);
  });
});
