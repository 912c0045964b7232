import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenVerifier, EMBEDDED_JWT_SECRET, type RouteHandler } from '@credit/shared';
import { consoleRoutes } from './consoleRoutes';
import { demoSignInRoutes } from './demoSignIn';

const auth = { issuer: 'gz-credit-platform', audience: 'gz-credit-graph', secret: EMBEDDED_JWT_SECRET };

/** The routes behind a bare node:http server, dispatched as the gateway's createHttpApp does. */
async function serve(get: Record<string, RouteHandler>, post: Record<string, RouteHandler> = {}) {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const table = req.method === 'POST' ? post : get;
    const route =
      table[path] ?? Object.entries(table).find(([p]) => p.endsWith('*') && path.startsWith(p.slice(0, -1)))?.[1];
    if (!route) return res.writeHead(404).end();
    void route(req, res, { requestId: 'r', headers: req.headers, ip: '127.0.0.1' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('console routes', () => {
  it('without a build, / explains what to run and the gateway keeps serving', async () => {
    const s = await serve(consoleRoutes(join(tmpdir(), 'no-such-console-build')));
    const r = await fetch(`${s.base}/`);
    expect(r.status).toBe(503);
    expect(await r.text()).toContain('pnpm build');
    s.close();
  });

  it('serves the pages with a same-origin CSP and the assets, and nothing outside the build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<html>console</html>');
    writeFileSync(join(dir, 'graphiql.html'), '<html>graphiql</html>');
    writeFileSync(join(dir, 'assets/app.js'), 'export {}');
    writeFileSync(join(tmpdir(), 'outside.js'), 'secret');
    const s = await serve(consoleRoutes(dir));
    const page = await fetch(`${s.base}/`);
    expect(await page.text()).toBe('<html>console</html>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await (await fetch(`${s.base}/graphiql`)).text()).toBe('<html>graphiql</html>');
    // A deep link to a console page survives a reload: the page's path gets the console.
    for (const deep of ['/portal/history', '/desk/objections/GZYY-2026-000001', '/window', '/public/complaint'])
      expect(await (await fetch(`${s.base}${deep}`)).text()).toBe('<html>console</html>');
    expect((await fetch(`${s.base}/portalx`)).status).toBe(404);
    const js = await fetch(`${s.base}/assets/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${s.base}/assets/..%2F..%2Foutside.js`)).status).toBe(404);
    expect((await fetch(`${s.base}/assets/missing.js`)).status).toBe(404);
    s.close();
  });
});

describe('demo sign-in (outside production)', () => {
  const routes = demoSignInRoutes(auth);
  const verify = createTokenVerifier(auth);
  const signIn = (base: string, body: string, type = 'application/json') =>
    fetch(`${base}/demo/sign-in`, { method: 'POST', headers: { 'content-type': type }, body });

  it('mints a token the platform accepts, for the chosen identity', async () => {
    const s = await serve(routes.get, routes.post);
    const identities: any = await (await fetch(`${s.base}/demo/identities`)).json();
    expect(identities.identities.map((i: any) => i.claims.role)).toEqual(
      expect.arrayContaining(['SUBJECT', 'SOURCE_UNIT', 'LEAD_DEPARTMENT', 'ANALYST']),
    );
    const r = await signIn(s.base, JSON.stringify({ role: 'SOURCE_UNIT', unitCode: 'GZ-520100-D07' }));
    const { token }: any = await r.json();
    await expect(verify(token)).resolves.toMatchObject({
      role: 'SOURCE_UNIT',
      unitCode: 'GZ-520100-D07',
      domains: ['D07'],
    });
    s.close();
  });

  it('refuses SERVICE tokens, claims that do not fit the role and non-JSON bodies, naming the field', async () => {
    const s = await serve(routes.get, routes.post);
    const service: any = await (await signIn(s.base, JSON.stringify({ role: 'SERVICE', service: 'records' }))).json();
    expect(service.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'role' });
    const subject = await signIn(s.base, JSON.stringify({ role: 'SUBJECT' }));
    expect(subject.status).toBe(400);
    expect(((await subject.json()) as any).errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'creditCode',
    });
    expect((await signIn(s.base, 'role=LEAD_DEPARTMENT', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await signIn(s.base, '[1')).status).toBe(400);
    s.close();
  });
});
