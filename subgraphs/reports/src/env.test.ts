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
