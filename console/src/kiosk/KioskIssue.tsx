import { useState } from 'react';
import { SCENARIO_ZH } from '../../../shared/src/contracts/terms';
import { call, describeError } from '../api/client';
import { Notice } from '../components/Status';
import { WindowIssueReportDocument, type ReportChannel, type ReportScenario } from '../graphql/generated/operations';
import type { WindowSubject } from '../window/SubjectFinder';
import type { IssuedAtWindow } from '../window/WindowIssueForm';

/** The scenario by one touch; the terminal issues for every active domain over the default five years. */
export function KioskIssue(props: {
  subject: WindowSubject;
  onIssued: (r: IssuedAtWindow) => void;
  onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const issue = async (scenario: string) => {
    setError(undefined);
    setBusy(true);
    try {
      const r = await call(WindowIssueReportDocument, {
        input: {
          creditCode: props.subject.creditCode,
          scenario: scenario as ReportScenario,
          channel: 'SELF_SERVICE_TERMINAL' as ReportChannel,
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
    <section className="card kiosk-step" aria-labelledby="kiosk-issue-title">
      <h2 id="kiosk-issue-title">{props.subject.name}：请选择报告用途</h2>
      <p className="muted">报告涵盖全部领域、最近五年，免费出具。</p>
      <div className="kiosk-choices">
        {Object.entries(SCENARIO_ZH).map(([code, label]) => (
          <button key={code} type="button" className="kiosk-primary" disabled={busy} onClick={() => void issue(code)}>
            {label}
          </button>
        ))}
      </div>
      <button type="button" className="secondary kiosk-primary" onClick={props.onCancel}>
        返回
      </button>
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}
