import { peerComparisons, peerComparisonTable, UNIQUE_MIX } from './targets';

const row = (target: string, rps: number, gateway?: number, connections = 50, scenario = UNIQUE_MIX) => ({
  scenario,
  target,
  connections,
  requests: rps * 5,
  sent: rps * 5,
  rps,
  p50: 1,
  p95: 1,
  p99: 1,
  errors: 0,
  cpuMsPerRequest: gateway === undefined ? undefined : { gateway },
});

describe('ours against each peer on the unique lead mix', () => {
  const rows = [
    row('ours', 90, 1.5),
    row('plain @apollo/gateway', 30, 6),
    row('Hive Gateway', 10, 15),
    row('Grafbase', 60, 0.75),
    row('ours', 40, 2, 10),
    row('Grafbase', 999, 0.1, 50, 'unique: operator histories'),
  ];

  it('divides our req/s and gateway CPU by each peer’s, in the order the peers are reported, skipping absent ones', () => {
    expect(peerComparisons(rows, 50)).toEqual([
      { peer: 'plain @apollo/gateway', peerRps: 30, rpsRatio: 3, peerGatewayCpuMs: 6, cpuRatio: 0.25 },
      { peer: 'Hive Gateway', peerRps: 10, rpsRatio: 9, peerGatewayCpuMs: 15, cpuRatio: 0.1 },
      { peer: 'Grafbase', peerRps: 60, rpsRatio: 1.5, peerGatewayCpuMs: 0.75, cpuRatio: 2 },
    ]);
  });

  it('prints one line per peer and ours', () => {
    const table = peerComparisonTable(rows, 50).split('\n');
    expect(table).toHaveLength(2 + 3 + 1);
    expect(table[4]).toMatch(/^\| Grafbase +\| 60 +\| 1\.50× +\| 0\.75 +\| 2\.00 +\|$/);
    expect(table[5]).toMatch(/^\| ours +\| 90 +\| +\| 1\.50 +\| +\|$/);
  });

  it('has nothing to compare without our row or without peers', () => {
    expect(peerComparisons(rows.slice(1), 50)).toEqual([]);
    expect(peerComparisonTable([row('ours', 90, 1.5)], 50)).toBe('');
  });
});
