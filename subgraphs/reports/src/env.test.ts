import { loadReportsEnv } from './env';

describe('reports env: PUBLIC_BASE_URL', () => {
  it('follows GATEWAY_PORT when unset, so report and verification links reach the gateway', () => {
    expect(loadReportsEnv({}).PUBLIC_BASE_URL).toBe('http://localhost:4000');
    expect(loadReportsEnv({ GATEWAY_PORT: '4100' }).PUBLIC_BASE_URL).toBe('http://localhost:4100');
  });

  it('wins when set, without a trailing slash', () => {
    expect(
      loadReportsEnv({ GATEWAY_PORT: '4100', PUBLIC_BASE_URL: 'https://credit.guizhou.example/' }).PUBLIC_BASE_URL,
    ).toBe('https://credit.guizhou.example');
  });
});

describe('reports env: VERIFY_ATTACK_CLIENTS', () => {
  it('counts five distinct clients at one number as an attack unless told otherwise', () => {
    expect(loadReportsEnv({}).VERIFY_ATTACK_CLIENTS).toBe(5);
    expect(loadReportsEnv({ VERIFY_ATTACK_CLIENTS: '12' }).VERIFY_ATTACK_CLIENTS).toBe(12);
  });

  it('refuses a threshold one mistyping holder would reach, and what is not a whole number, naming the variable', () => {
    expect(() => loadReportsEnv({ VERIFY_ATTACK_CLIENTS: '1' })).toThrow(/VERIFY_ATTACK_CLIENTS/);
    expect(() => loadReportsEnv({ VERIFY_ATTACK_CLIENTS: 'many' })).toThrow(/VERIFY_ATTACK_CLIENTS/);
  });
});

describe('reports env: webhooks', () => {
  it('allows private callback addresses outside production only, unless told otherwise', () => {
    expect(loadReportsEnv({}).WEBHOOK_ALLOW_PRIVATE_ADDRESSES).toBe(true);
    expect(loadReportsEnv({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' }).WEBHOOK_ALLOW_PRIVATE_ADDRESSES).toBe(false);
    expect(loadReportsEnv({ WEBHOOK_TIMEOUT_MS: '2500' })).toMatchObject({
      WEBHOOK_TIMEOUT_MS: 2500,
      WEBHOOK_MAX_ATTEMPTS: 12,
      WEBHOOK_POLL_MS: 1000,
    });
  });

  it('refuses what is not a number or a flag, naming the variable', () => {
    expect(() => loadReportsEnv({ WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(/WEBHOOK_TIMEOUT_MS/);
    expect(() => loadReportsEnv({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE_ADDRESSES/);
  });
});
