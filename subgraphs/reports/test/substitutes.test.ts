import type { CatalogueMatter } from '@credit/shared';
import { substitutesFor } from '../src/verification/substitutes';
import type { ReportVerification } from '../src/verification/verification.type';

const matters: CatalogueMatter[] = [
  {
    code: 'BID-A',
    name: '施工招标',
    scenario: 'BIDDING_PROCUREMENT' as never,
    domainCodes: ['D04', 'D07'],
    acceptingOfficeType: '公共资源交易中心',
  },
  {
    code: 'BID-B',
    name: '水利招标',
    scenario: 'BIDDING_PROCUREMENT' as never,
    domainCodes: ['D16'],
    acceptingOfficeType: '公共资源交易中心',
  },
  {
    code: 'FIN-A',
    name: '授信',
    scenario: 'FINANCING' as never,
    domainCodes: ['D07'],
    acceptingOfficeType: '金融机构',
  },
];
const verification = (over: Partial<ReportVerification> = {}) =>
  ({
    authentic: true,
    status: 'ISSUED',
    scenario: 'BIDDING_PROCUREMENT',
    domains: [{ code: 'D07' }, { code: 'D04' }],
    warnings: [],
    ...over,
  }) as unknown as ReportVerification;

describe('what a report replaces', () => {
  it("lists the scenario's matters with a covered domain, complete ones first", () => {
    expect(substitutesFor(verification({ domains: [{ code: 'D07' }] as never }), matters)).toEqual([
      expect.objectContaining({ code: 'BID-A', complete: false, replacedDomains: ['D07'], missingDomains: ['D04'] }),
    ]);
    expect(substitutesFor(verification(), matters).map((s) => [s.code, s.complete])).toEqual([['BID-A', true]]);
  });

  it('replaces nothing when the report is not authentic, revoked, or its commitment was found false', () => {
    expect(substitutesFor(verification({ authentic: false }), matters)).toEqual([]);
    expect(substitutesFor(verification({ status: 'REVOKED' as never }), matters)).toEqual([]);
    const breach = { code: 'COMMITMENT_BREACHED_AFTER_ISSUANCE', date: '2026-01-01', reason: 'x', message: 'x' };
    expect(substitutesFor(verification({ warnings: [breach] as never }), matters)).toEqual([]);
    // Unavailable commitment status is no finding: the list stands.
    const unknown = { ...breach, code: 'COMMITMENT_STATUS_UNAVAILABLE' };
    expect(substitutesFor(verification({ warnings: [unknown] as never }), matters)).toHaveLength(1);
  });
});
