import { useState } from 'react';
import { call, describeError } from '../api/client';
import { isoDate, yearsAgo } from '../api/terms';
import { needsRequirement, ReportScopeFields, type ReportScope } from '../components/ReportScopeFields';
import { Notice } from '../components/Status';
import { PortalIssueReportDocument, type ReportChannel, type ReportScenario } from '../graphql/generated/operations';
import { matterInput } from '../substitution/MatterField';
import type { Profile } from './useProfile';

/** Issues a special credit report: scenario, matter, period (longer than five years with who requires it), domains. */
export function IssueReportForm({
  creditCode,
  profile,
  onIssued,
}: {
  creditCode: string;
  profile: Profile;
  onIssued: () => void;
}) {
  const active = profile.domains.filter((d) => d.active);
  const [scope, setScope] = useState<ReportScope>(() => ({
    scenario: 'BIDDING_PROCUREMENT',
    matter: '',
    from: yearsAgo(3),
    to: isoDate(),
    requiredBy: '',
    domains: [],
  }));
  const [issued, setIssued] = useState<string>();
  const [error, setError] = useState<string>();
  const issue = async () => {
    setError(undefined);
    setIssued(undefined);
    try {
      const r = await call(PortalIssueReportDocument, {
        input: {
          creditCode,
          scenario: scope.scenario as ReportScenario,
          channel: 'WEBSITE' as ReportChannel,
          domains: scope.domains.length ? scope.domains : null,
          periodFrom: scope.from,
          periodTo: scope.to,
          ...matterInput(scope.matter),
          ...(needsRequirement(scope) ? { requiredByReportUser: scope.requiredBy } : {}),
        },
      });
      setIssued(r.issueReport.number);
      onIssued();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section className="card" aria-labelledby="issue-title">
      <h2 id="issue-title">出具专项信用报告</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void issue();
        }}
      >
        <ReportScopeFields scope={scope} onChange={setScope} domains={active} />
        <div>
          <button type="submit">出具报告</button>
        </div>
      </form>
      {issued && <Notice kind="ok">报告 {issued} 已出具，可下载 PDF。</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}
