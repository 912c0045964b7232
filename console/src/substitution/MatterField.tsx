import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { Notice } from '../components/Status';
import { PortalMattersDocument, type PortalMattersQuery, type ReportScenario } from '../graphql/generated/operations';

type Matter = PortalMattersQuery['substitutionMatters'][number];

/**
 * The matter (事项) of the substitution catalogue a report is for, among the scenario's matters.
 * Choosing one hands its domains to the form as a proposal the subject may still edit; "none" keeps
 * the domains as they are.
 */
export function MatterField(props: {
  scenario: string;
  value: string;
  onChange: (matterCode: string, proposedDomains: string[] | null) => void;
}) {
  const [matters, setMatters] = useState<Matter[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setError(undefined);
    call(PortalMattersDocument, { scenario: props.scenario as ReportScenario }).then(
      (r) => setMatters(r.substitutionMatters),
      (e) => setError(describeError(e)),
    );
  }, [props.scenario]);
  const chosen = matters?.find((m) => m.code === props.value);
  return (
    <div className="wide">
      <label htmlFor="r-matter">办理事项（替代无违法违规证明的事项，可不选）</label>
      <select
        id="r-matter"
        value={props.value}
        onChange={(e) => {
          const m = matters?.find((x) => x.code === e.target.value);
          props.onChange(e.target.value, m ? m.domainCodes : null);
        }}
      >
        <option value="">不指定事项</option>
        {matters?.map((m) => (
          <option key={m.code} value={m.code}>
            {m.name}
          </option>
        ))}
      </select>
      {chosen && (
        <p className="muted" data-testid="matter-proposal">
          受理单位：{chosen.acceptingOfficeType}；已按事项选中 {chosen.domainCodes.length}{' '}
          个领域（可在“查询领域”中调整）。
        </p>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </div>
  );
}

/** The issue input's share of the chosen matter: nothing when none is chosen. */
export const matterInput = (matterCode: string): { matterCode?: string } => (matterCode ? { matterCode } : {});
