import { createTokenVerifier, EMBEDDED_JWT_SECRET, signEmbeddedToken } from '@credit/shared';
import { claimsFromFlags, parseFlags } from './tokenClaims';

const verify = createTokenVerifier({
  issuer: 'gz-credit-platform',
  audience: 'gz-credit-graph',
  secret: EMBEDDED_JWT_SECRET,
});
const mint = async (argv: string[]) => {
  const { claims, expires } = claimsFromFlags(parseFlags(argv));
  return verify(
    await signEmbeddedToken(claims, { issuer: 'gz-credit-platform', audience: 'gz-credit-graph' }, expires),
  );
};

describe('pnpm -s token', () => {
  it('mints a subject token the services accept, with the credit code as subject', async () => {
    await expect(mint(['--role', 'SUBJECT', '--credit-code', '91520100210000754L'])).resolves.toEqual({
      role: 'SUBJECT',
      creditCode: '91520100210000754L',
      sub: '91520100210000754L',
    });
  });

  it("derives a demo unit's domain from its code unless --domains is given", async () => {
    await expect(mint(['--role', 'source_unit', '--unit-code', 'GZ-520100-D07'])).resolves.toMatchObject({
      unitCode: 'GZ-520100-D07',
      domains: ['D07'],
    });
    await expect(
      mint(['--role', 'SOURCE_UNIT', '--unit-code', 'GZ-X', '--domains', 'D07, D14']),
    ).resolves.toMatchObject({ domains: ['D07', 'D14'] });
  });

  it('refuses claims that do not fit the role, and flags without values', () => {
    expect(() => claimsFromFlags(parseFlags(['--role', 'PARTNER', '--partner-id', 'p']))).toThrow(/province/);
    expect(() => claimsFromFlags(parseFlags(['--credit-code', 'x']))).toThrow(/--role is required/);
    expect(() => parseFlags(['--role'])).toThrow(/--role needs a value/);
  });
});
