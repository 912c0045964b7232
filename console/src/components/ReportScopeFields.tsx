import { SCENARIO } from '../api/terms';
import { MatterField } from '../substitution/MatterField';
import { earliestNormalStart, isLongerThanNormal } from '../../../shared/src/contracts/normalPeriod';

/** What a report covers, as the issue forms ask it: scenario, catalogue matter, period, requirement, domains. */
export interface ReportScope {
  scenario: string;
  matter: string;
  from: string;
  to: string;
  requiredBy: string;
  domains: string[];
}

/** True when the period needs the report user's requirement (more than five years: the API refuses it otherwise). */
export const needsRequirement = (s: Pick<ReportScope, 'from' | 'to'>): boolean => isLongerThanNormal(s.from, s.to);

/**
 * The fields of a report's scope, shared by the portal's and the service window's issue forms (one
 * set of labels and ids, one period rule): a matter of the substitution catalogue proposes its domains.
 */
export function ReportScopeFields({
  scope,
  onChange,
  domains,
}: {
  scope: ReportScope;
  onChange: (next: ReportScope) => void;
  domains: readonly { code: string; nameZh: string }[];
}) {
  const set = (changes: Partial<ReportScope>) => onChange({ ...scope, ...changes });
  return (
    <>
      <div>
        <label htmlFor="r-scenario">使用场景</label>
        <select
          id="r-scenario"
          value={scope.scenario}
          // A matter belongs to one scenario: another scenario starts without one.
          onChange={(e) => set({ scenario: e.target.value, matter: '' })}
        >
          {Object.entries(SCENARIO).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      <MatterField
        scenario={scope.scenario}
        value={scope.matter}
        onChange={(code, proposed) => set(proposed ? { matter: code, domains: proposed } : { matter: code })}
      />
      <div>
        <label htmlFor="r-from">报告期起</label>
        <input id="r-from" type="date" value={scope.from} onChange={(e) => set({ from: e.target.value })} required />
      </div>
      <div>
        <label htmlFor="r-to">报告期止</label>
        <input id="r-to" type="date" value={scope.to} onChange={(e) => set({ to: e.target.value })} required />
      </div>
      {needsRequirement(scope) && (
        <div className="wide" data-testid="required-by">
          <label htmlFor="r-required-by">报告使用方要求（报告期超过五年时必填）</label>
          <input
            id="r-required-by"
            value={scope.requiredBy}
            onChange={(e) => set({ requiredBy: e.target.value })}
            required
            maxLength={200}
            aria-describedby="r-required-by-hint"
          />
          <p className="muted" id="r-required-by-hint">
            报告期通常不超过五年（自 {earliestNormalStart(scope.to)}{' '}
            起）；更长的报告期须写明哪个报告使用方要求，如“某银行授信审查要求近七年”。
          </p>
        </div>
      )}
      <div className="wide">
        <label htmlFor="r-domains">查询领域（不选即全部 {domains.length} 个领域）</label>
        <select
          id="r-domains"
          multiple
          size={6}
          value={scope.domains}
          onChange={(e) => set({ domains: Array.from(e.target.selectedOptions).map((o) => o.value) })}
        >
          {domains.map((d) => (
            <option key={d.code} value={d.code}>
              {d.nameZh}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
