import { useState } from 'react';
import { call, describeError } from '../api/client';
import { isoDate, SCENARIO, yearsAgo } from '../api/terms';
import { Notice } from '../components/Status';
import { PortalIssueReportDocument, type ReportChannel, type ReportScenario } from '../graphql/generated/operations';
import { MatterField, matterInput } from '../substitution/MatterField';
import { earliestNormalStart, isLongPeriod } from './longPeriod';
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
  const [scenario, setScenario] = useState('BIDDING_PROCUREMENT');
  const [domains, setDomains] = useState<string[]>([]);
  const [from, setFrom] = useState(yearsAgo(3));
  const [to, setTo] = useState(isoDate());
  const [matter, setMatter] = useState('');
  const [requiredBy, setRequiredBy] = useState('');
  const [issued, setIssued] = useState<string>();
  const [error, setError] = useState<string>();
  const long = isLongPeriod(from, to);
  const issue = async () => {
    setError(undefined);
    setIssued(undefined);
    try {
      const r = await call(PortalIssueReportDocument, {
        input: {
          creditCode,
          scenario: scenario as ReportScenario,
          channel: 'WEBSITE' as ReportChannel,
          domains: domains.length ? domains : null,
          periodFrom: from,
          periodTo: to,
          ...matterInput(matter),
          ...(long ? { requiredByReportUser: requiredBy } : {}),
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
        <div>
          <label htmlFor="r-scenario">使用场景</label>
          <select
            id="r-scenario"
            value={scenario}
            onChange={(e) => {
              // A matter belongs to one scenario: another scenario starts without one.
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
          <input id="r-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor="r-to">报告期止</label>
          <input id="r-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        {long && (
          <div className="wide" data-testid="required-by">
            <label htmlFor="r-required-by">报告使用方要求（报告期超过五年时必填）</label>
            <input
              id="r-required-by"
              value={requiredBy}
              onChange={(e) => setRequiredBy(e.target.value)}
              required
              maxLength={200}
              aria-describedby="r-required-by-hint"
            />
            <p className="muted" id="r-required-by-hint">
              报告期通常不超过五年（自 {earliestNormalStart(to)}{' '}
              起）；更长的报告期须写明哪个报告使用方要求，如“某银行授信审查要求近七年”。
            </p>
          </div>
        )}
        <div className="wide">
          <label htmlFor="r-domains">查询领域（不选即全部 {active.length} 个领域）</label>
          <select
            id="r-domains"
            multiple
            size={5}
            value={domains}
            onChange={(e) => setDomains(Array.from(e.target.selectedOptions).map((o) => o.value))}
          >
            {active.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} {d.nameZh}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">出具报告</button>
        </div>
      </form>
      {issued && <Notice kind="ok">报告 {issued} 已出具，可下载 PDF。</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}
