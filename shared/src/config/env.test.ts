import { ConfigError, parseEnv, portVar, seedDemoVar, subgraphUrlVar } from './env';

describe('parseEnv', () => {
  it('applies defaults for the embedded mode', () => {
    const env = parseEnv({ PORT: portVar(4001) }, {});
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 4001, DATA_DIR: 'data' });
    expect(env.DB_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('reports every bad variable at once, naming each and its value', () => {
    let err: unknown;
    try {
      parseEnv(
        { PORT: portVar(4001) },
        { PORT: 'eighty', DB_URL: 'postgres://x', REDIS_URL: 'localhost:6379', LOG_LEVEL: 'loud' },
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DB_URL', 'REDIS_URL', 'LOG_LEVEL']) expect(problems).toContain(name);
    expect(problems).toContain('(got "postgres://x")');
  });

  it('refuses production without a public key or MySQL, and with the migration account', () => {
    expect(() => parseEnv({}, { NODE_ENV: 'production' })).toThrow(/JWT_PUBLIC_KEY_FILE[\s\S]*DB_URL/);
    const withDb = { NODE_ENV: 'production', JWT_JWKS_FILE: '/keys.json', DB_URL: 'mysql://app@db:3306/credit' };
    expect(() => parseEnv({}, withDb)).not.toThrow();
    const migrateUrl = 'mysql://migrate:s3cret-pw@db:3306/credit';
    let problems = '';
    try {
      parseEnv({}, { ...withDb, DB_MIGRATE_URL: migrateUrl });
    } catch (e) {
      problems = (e as ConfigError).problems.join('\n');
    }
    expect(problems).toMatch(/^DB_MIGRATE_URL: a service must not hold the migration account: run `pnpm migrate`/m);
    expect(problems).not.toContain('s3cret-pw'); // named, never echoed
    // Development keeps accepting it (the service ignores it; `pnpm migrate` reads it).
    expect(() => parseEnv({}, { DB_URL: withDb.DB_URL, DB_MIGRATE_URL: migrateUrl })).not.toThrow();
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({}, { DB_URL: '', REDIS_URL: '  ' })).toMatchObject({ DB_URL: undefined, REDIS_URL: undefined });
  });

  it('rejects a short HS256 secret', () => {
    expect(() => parseEnv({}, { JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
  });

  describe('safe production defaults', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_JWKS_FILE: '/keys.json',
      DB_URL: 'mysql://svc@db:3306/credit',
    };
    const problemsOf = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return (e as ConfigError).problems.join('\n');
      }
      return '';
    };

    it('seeds demo data only when asked', () => {
      expect(parseEnv({ SEED_DEMO: seedDemoVar }, {}).SEED_DEMO).toBe(false);
      expect(parseEnv({ SEED_DEMO: seedDemoVar }, { SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
    });

    it('refuses SEED_DEMO=true in production, naming the variable', () => {
      const problems = problemsOf(() => parseEnv({ SEED_DEMO: seedDemoVar }, { ...production, SEED_DEMO: 'true' }));
      expect(problems).toMatch(/^SEED_DEMO: demo data .* must never reach production/m);
      expect(parseEnv({ SEED_DEMO: seedDemoVar }, production).SEED_DEMO).toBe(false);
    });

    it('refuses production without a SERVICE token when the service calls others', () => {
      const calls = { callsOtherServices: () => true };
      expect(problemsOf(() => parseEnv({}, production, calls))).toMatch(/^SERVICE_TOKEN: production needs/m);
      expect(problemsOf(() => parseEnv({}, { ...production, SERVICE_TOKEN: 'a.b.c' }, calls))).toBe('');
      // A service that calls nobody needs none, and the embedded mode mints its own.
      expect(problemsOf(() => parseEnv({}, production, { callsOtherServices: () => false }))).toBe('');
      expect(problemsOf(() => parseEnv({}, {}, calls))).toBe('');
    });

    it('binds loopback by default and wants a long METRICS_TOKEN', () => {
      expect(parseEnv({}, {}).HOST).toBe('127.0.0.1');
      expect(problemsOf(() => parseEnv({}, { METRICS_TOKEN: 'short' }))).toMatch(
        /^METRICS_TOKEN: must be at least 16/m,
      );
    });
  });

  describe('subgraph URLs', () => {
    const load = (source: Record<string, string | undefined>) =>
      parseEnv({ RECORDS_URL: subgraphUrlVar('records', source) }, source);

    it("follow the callee's port variable unless a URL is given", () => {
      expect(load({}).RECORDS_URL).toBe('http://127.0.0.1:4002/graphql');
      expect(load({ RECORDS_PORT: '5102' }).RECORDS_URL).toBe('http://127.0.0.1:5102/graphql');
      expect(load({ RECORDS_PORT: '5102', RECORDS_URL: 'http://records:4002/graphql' }).RECORDS_URL).toBe(
        'http://records:4002/graphql',
      );
    });

    it('refuse a port variable that names no port to call, naming both variables', () => {
      expect(() => load({ RECORDS_PORT: 'x' })).toThrow(/RECORDS_URL: unset, and RECORDS_PORT \(got "x"\)/);
      expect(() => load({ RECORDS_PORT: '0' })).toThrow(/set RECORDS_URL/);
    });
  });
});
