import { CATEGORY } from '../api/terms';
import type { HistoryPlace } from './historyPlace';
import type { Profile } from './useProfile';

/** Period, domain and category of the history; each change starts again at the first page. */
export function HistoryFilters(props: {
  at: HistoryPlace;
  profile: Profile | undefined;
  onChange: (changes: Partial<Record<'from' | 'to' | 'domain' | 'category', string>>) => void;
}) {
  const { at, onChange } = props;
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()}>
      <div>
        <label htmlFor="h-from">起始日期</label>
        <input id="h-from" type="date" value={at.from} onChange={(e) => onChange({ from: e.target.value })} />
      </div>
      <div>
        <label htmlFor="h-to">截止日期</label>
        <input id="h-to" type="date" value={at.to} onChange={(e) => onChange({ to: e.target.value })} />
      </div>
      <div>
        <label htmlFor="h-domain">领域</label>
        <select id="h-domain" value={at.domain} onChange={(e) => onChange({ domain: e.target.value })}>
          <option value="">全部领域</option>
          {props.profile?.domains.map((d) => (
            <option key={d.code} value={d.code}>
              {d.code} {d.nameZh}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="h-category">信息类别</label>
        <select id="h-category" value={at.category} onChange={(e) => onChange({ category: e.target.value })}>
          <option value="">全部类别</option>
          {Object.entries(CATEGORY).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
