import { freePort, identityProvider, mainOf, spawnService, stopProcess, waitForStatus } from './support';

// The console's demo sign-in mints tokens: in production the gateway must not have the routes at all.
describe('the gateway in production mode', () => {
  let gateway: ReturnType<typeof spawnService>;
  let base: string;

  beforeAll(async () => {
    const idp = identityProvider();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    gateway = spawnService(mainOf('gateway'), {
      NODE_ENV: 'production',
      GATEWAY_PORT: String(port),
      JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
      LOG_LEVEL: 'warn',
      // Validated, never connected to: the gateway holds no database.
      DB_URL: 'mysql://app:secret@127.0.0.1:3306/con_unused',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    await waitForStatus(`${base}/health/live`, 200, gateway, gateway.output);
  });

  afterAll(() => stopProcess(gateway));

  it('has no demo sign-in: /demo/sign-in and /demo/identities answer 404, no token is minted', async () => {
    const signIn = await fetch(`${base}/demo/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'LEAD_DEPARTMENT' }),
    });
    expect(signIn.status).toBe(404);
    const body: any = await signIn.json();
    expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(JSON.stringify(body)).not.toContain('token');
    expect((await fetch(`${base}/demo/identities`)).status).toBe(404);
  });

  it('still serves the console and GraphiQL pages, with no CDN landing page on /graphql', async () => {
    const page = await fetch(`${base}/`);
    // 200 with a build, 503 with the "run pnpm build" page without one: never a redirect to a CDN.
    expect([200, 503]).toContain(page.status);
    expect(await page.text()).toContain('lang="zh-CN"');
    const landing = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(await landing.text()).not.toMatch(/apollographql\.com|cdn\./);
  });
});
