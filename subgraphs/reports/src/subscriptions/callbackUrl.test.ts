import { CallbackRefused, isNonPublicAddress, parseCallbackUrl, resolveCallback, type Resolver } from './callbackUrl';

/** Production's rules: https, public addresses only (the SSRF guard of report subscriptions). */
const production = { requireHttps: true, allowPrivateAddresses: false };
const development = { requireHttps: false, allowPrivateAddresses: true };

/** A resolver with fixed answers: what a hostile DNS zone would answer. */
const dns =
  (answers: Record<string, string[]>): Resolver =>
  async (host) => {
    const list = answers[host];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const resolver = dns({
  'partner.example.com': ['93.184.215.14'],
  'sneaky.example.com': ['127.0.0.1'],
  'mixed.example.com': ['93.184.215.14', '10.1.2.3'],
  'v6-loop.example.com': ['::1'],
  'metadata.example.com': ['169.254.169.254'],
  'mapped.example.com': ['::ffff:127.0.0.1'],
});

async function refusal(raw: string, rules = production): Promise<string> {
  try {
    await resolveCallback(parseCallbackUrl(raw, rules), rules, resolver);
  } catch (err) {
    expect(err).toBeInstanceOf(CallbackRefused);
    return (err as Error).message;
  }
  throw new Error(`${raw} was accepted`);
}

describe('callback URLs under production rules', () => {
  it.each([
    ['https://127.0.0.1/hook', '127.0.0.1'],
    ['https://10.20.30.40/hook', '10.20.30.40'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['https://[::1]/hook', '::1'],
    ['https://[fd00::1]/hook', 'fd00::1'],
    ['https://[fd00:ec2::254]/', 'fd00:ec2::254'],
    ['https://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1'],
    ['https://192.168.1.1/hook', '192.168.1.1'],
    ['https://172.20.0.1/hook', '172.20.0.1'],
    ['https://100.64.0.1/hook', '100.64.0.1'],
    ['https://0.0.0.0/hook', '0.0.0.0'],
    ['https://[fe80::1]/hook', 'fe80::1'],
  ])('refuses %s', async (url, address) => {
    expect(await refusal(url)).toContain(`not a public address (${address})`);
  });

  it('refuses a hostname that resolves to loopback, metadata or any private address among public ones', async () => {
    expect(await refusal('https://sneaky.example.com/hook')).toContain('(127.0.0.1)');
    expect(await refusal('https://metadata.example.com/')).toContain('(169.254.169.254)');
    expect(await refusal('https://mixed.example.com/hook')).toContain('(10.1.2.3)');
    expect(await refusal('https://v6-loop.example.com/hook')).toContain('(::1)');
    expect(await refusal('https://mapped.example.com/hook')).toContain('(::ffff:127.0.0.1)');
  });

  it('refuses localhost through the system resolver', async () => {
    await expect(resolveCallback(new URL('https://localhost/hook'), production)).rejects.toThrow(
      /not a public address/,
    );
  });

  it('refuses http://, credentials, fragments and other schemes', async () => {
    expect(await refusal('http://partner.example.com/hook')).toBe('must use https');
    expect(await refusal('https://user:pw@partner.example.com/hook')).toBe('must not carry credentials');
    expect(await refusal('https://partner.example.com/hook#x')).toBe('must not have a fragment');
    expect(await refusal('ftp://partner.example.com/hook')).toBe('must be an http(s) URL');
    expect(await refusal('not a url')).toBe('must be an absolute http(s) URL');
    expect(await refusal('https://nowhere.example.com/hook')).toContain('does not resolve');
  });

  it('accepts a public https host and returns the addresses the connection is pinned to', async () => {
    const url = parseCallbackUrl('https://partner.example.com/hooks/credit?x=1', production);
    expect(await resolveCallback(url, production, resolver)).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });

  it('lets development call a receiver on this machine over http', async () => {
    const url = parseCallbackUrl('http://127.0.0.1:8080/hook', development);
    expect(await resolveCallback(url, development, resolver)).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });
});

describe('isNonPublicAddress', () => {
  it('tells public addresses from the rest', () => {
    expect(isNonPublicAddress('8.8.8.8')).toBe(false);
    expect(isNonPublicAddress('2001:4860:4860::8888')).toBe(false);
    expect(isNonPublicAddress('::ffff:8.8.8.8')).toBe(false);
    expect(isNonPublicAddress('172.32.0.1')).toBe(false);
    expect(isNonPublicAddress('172.31.255.255')).toBe(true);
    expect(isNonPublicAddress('64:ff9b::a00:1')).toBe(true);
    expect(isNonPublicAddress('ff02::1')).toBe(true);
    expect(isNonPublicAddress('not-an-ip')).toBe(true);
  });
});
