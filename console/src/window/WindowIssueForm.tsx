import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { isoDate } from '../api/terms';
import { needsRequirement, ReportScopeFields, type ReportScope } from '../components/ReportScopeFields';
import { Notice } from '../components/Status';
import {
  WindowDomainsDocument,
  WindowIssueReportDocument,
  type ReportChannel,
  type ReportScenario,
  type WindowAuthorizationInput,
  type WindowDomainsQuery,
  type WindowIssueReportMutation,
} from '../graphql/generated/operations';
import { matterInput } from '../substitution/MatterField';
import { earliestNormalStart } from '../../../shared/src/contracts/normalPeriod';

export type IssuedAtWindow = WindowIssueReportMutation['issueReport'];

/**
 * Step 3: the matter the subject needs the report for (the substitution catalogue proposes its
 * domains), the period and the domains; issued at the window with the authorisation just confirmed.
 */
export function WindowIssueForm(props: {
  creditCode: string;
  authorization: WindowAuthorizationInput;
  onIssued: (r: IssuedAtWindow) => void;
}) {
  const [catalogue, setCatalogue] = useState<WindowDomainsQuery['domains']>([]);
  const [scope, setScope] = useState<ReportScope>(() => ({
    scenario: 'BIDDING_PROCUREMENT',
    matter: '',
    from: earliestNormalStart(isoDate()),
    to: isoDate(),
    requiredBy: '',
    domains: [],
  }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(WindowDomainsDocument, {}).then(
      (r) => setCatalogue(r.domains),
      (e) => setError(describeError(e)),
    );
  }, []);
  const active = catalogue.filter((d) => d.active);
  const issue = async () => {
    setError(undefined);
    setBusy(true);
    try {
      const r = await call(WindowIssueReportDocument, {
        input: {
          creditCode: props.creditCode,
          scenario: scope.scenario as ReportScenario,
          channel: 'SERVICE_WINDOW' as ReportChannel,
          domains: scope.domains.length ? scope.domains : null,
          periodFrom: scope.from,
          periodTo: scope.to,
          requiredByReportUser: needsRequirement(scope) ? scope.requiredBy.trim() : null,
          windowAuthorization: props.authorization,
          ...matterInput(scope.matter),
        },
      });
      props.onIssued(r.issueReport);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="issue-title">
      <h2 id="issue-title">第三步：选择办理事项并出具报告</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void issue();
        }}
      >
        <ReportScopeFields scope={scope} onChange={setScope} domains={active} />
        <div className="wide">
          <button type="submit" disabled={busy}>
            出具报告
          </button>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}
