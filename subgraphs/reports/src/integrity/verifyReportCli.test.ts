import { didUrlOf, EXIT, runVerifyReport } from './verifyReportCli';

describe('pnpm verify:report', () => {
  it('resolves a did:web over https, and over plain http for a platform on this machine', () => {
    expect(didUrlOf('did:web:credit.guizhou.gov.cn')).toBe('https://credit.guizhou.gov.cn/.well-known/did.json');
    expect(didUrlOf('did:web:localhost%3A4000')).toBe('http://localhost:4000/.well-known/did.json');
    expect(didUrlOf('did:web:127.0.0.1%3A4000')).toBe('http://127.0.0.1:4000/.well-known/did.json');
    // A name that only starts like a local one is not local.
    expect(didUrlOf('did:web:localhost.example.com')).toBe('https://localhost.example.com/.well-known/did.json');
    expect(() => didUrlOf('did:key:z6Mk')).toThrow(/not a did:web issuer/);
  });

  it('prints its usage, with the exit codes, and exits 2 without a file', async () => {
    const lines: string[] = [];
    expect(await runVerifyReport([], (l) => lines.push(l))).toBe(EXIT.USAGE);
    expect(lines.join('\n')).toContain('3 authentic, records changed since issuance');
  });
});
