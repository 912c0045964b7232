import { CLIENT_IP_HEADER, clientIp } from './httpServer';

const req = (headers: Record<string, string>, peer = '10.0.0.9') =>
  ({ headers, socket: { remoteAddress: peer } }) as never;

describe('the client address of a request', () => {
  it('is the peer unless a load balancer is trusted: X-Forwarded-For from a client is ignored', () => {
    expect(clientIp(req({ 'x-forwarded-for': '203.0.113.7' }), {})).toBe('10.0.0.9');
  });

  it('behind a trusted balancer is the last X-Forwarded-For entry, the one the balancer appended', () => {
    expect(clientIp(req({ 'x-forwarded-for': '198.51.100.1, 203.0.113.7' }), { trustProxy: true })).toBe('203.0.113.7');
    expect(clientIp(req({ 'x-forwarded-for': '203.0.113.7' }), { trustProxy: true })).toBe('203.0.113.7');
    // No usable entry: the peer, never an empty address every such client would share.
    expect(clientIp(req({ 'x-forwarded-for': ' ' }), { trustProxy: true })).toBe('10.0.0.9');
    expect(clientIp(req({}), { trustProxy: true })).toBe('10.0.0.9');
  });

  it("in a subgraph is the gateway's word, and the peer for calls that carry none (other subgraphs)", () => {
    const told = { [CLIENT_IP_HEADER]: '203.0.113.7', 'x-forwarded-for': '198.51.100.1' };
    expect(clientIp(req(told), { behindGateway: true })).toBe('203.0.113.7');
    expect(clientIp(req({ 'x-forwarded-for': '198.51.100.1' }), { behindGateway: true })).toBe('10.0.0.9');
  });

  it("at the gateway ignores the subgraphs' header: a client cannot name itself", () => {
    expect(clientIp(req({ [CLIENT_IP_HEADER]: '203.0.113.7' }), { trustProxy: true })).toBe('10.0.0.9');
  });
});
