import { ConfigError, parseEnv, portVar } from './env';

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

  it('refuses production without a public key or MySQL', () => {
    expect(() => parseEnv({}, { NODE_ENV: 'production' })).toThrow(/JWT_PUBLIC_KEY_FILE[\s\S]*DB_URL/);
    expect(() =>
      parseEnv({}, { NODE_ENV: 'production', JWT_JWKS_FILE: '/keys.json', DB_URL: 'mysql://root@db:3306/credit' }),
    ).not.toThrow();
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({}, { DB_URL: '', REDIS_URL: '  ' })).toMatchObject({ DB_URL: undefined, REDIS_URL: undefined });
  });

  it('rejects a short HS256 secret', () => {
    expect(() => parseEnv({}, { JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
  });
});
