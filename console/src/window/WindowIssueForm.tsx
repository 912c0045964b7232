import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { isoDate, SCENARIO } from '../api/terms';
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
import { MatterField, matterInput } from '../substitution/MatterField';

/** The earliest start of a period ending on `to` that needs no report user's requirement (five years). */
function fiveYearsBefore(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 5);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

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
  const [scenario, setScenario] = useState('BIDDING_PROCUREMENT');
  const [matter, setMatter] = useState('');
  const [domains, setDomains] = useState<string[]>([]);
  const [from, setFrom] = useState(() => fiveYearsBefore(isoDate()));
  const [to, setTo] = useState(isoDate());
  const [requiredBy, setRequiredBy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(WindowDomainsDocument, {}).then(
      (r) => setCatalogue(r.domains),
      (e) => setError(describeError(e)),
    );
  }, []);
  const active = catalogue.filter((d) => d.active);
  // More than five years needs the report user's requirement (the API refuses it otherwise).
  const longer = Boolean(from && to) && from < fiveYearsBefore(to);
  const issue = async () => {
    setError(undefined);
    setBusy(true);
    try {
      const r = await call(WindowIssueReportDocument, {
        input: {
          creditCode: props.creditCode,
          scenario: scenario as ReportScenario,
          channel: 'SERVICE_WINDOW' as ReportChannel,
          domains: domains.length ? domains : null,
          periodFrom: from,
          periodTo: to,
          requiredByReportUser: longer ? requiredBy.trim() : null,
          windowAuthorization: props.authorization,
          ...matterInput(matter),
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
        <div>
          <label htmlFor="r-scenario">使用场景</label>
          <select
            id="r-scenario"
            value={scenario}
            onChange={(e) => {
              setScenario(e.target.value);
              setMatter('');
            }}
          >
            {Object.entries(SCENARIO).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <MatterField
          scenario={scenario}
          value={matter}
          onChange={(code, proposed) => {
            setMatter(code);
            if (proposed) setDomains(proposed);
          }}
        />
        <div>
          <label htmlFor="r-from">报告期起</label>
          <input id="r-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </div>
        <div>
          <label htmlFor="r-to">报告期止</label>
          <input id="r-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </div>
        {longer && (
          <div className="wide">
            <label htmlFor="r-required-by">报告使用方要求（报告期超过五年时必填）</label>
            <input
              id="r-required-by"
              value={requiredBy}
              onChange={(e) => setRequiredBy(e.target.value)}
              maxLength={200}
              required
            />
          </div>
        )}
        <div className="wide">
          <label htmlFor="r-domains">查询领域（不选即全部 {active.length} 个领域）</label>
          <select
            id="r-domains"
            multiple
            size={6}
            value={domains}
            onChange={(e) => setDomains(Array.from(e.target.selectedOptions).map((o) => o.value))}
          >
            {active.map((d) => (
              <option key={d.code} value={d.code}>
                {d.nameZh}
              </option>
            ))}
          </select>
        </div>
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
