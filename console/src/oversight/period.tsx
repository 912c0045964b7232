import { isoDate, yearsAgo } from '../api/terms';
import { navigate, withSearch, type Place } from '../router/router';

/** The period the oversight pages count, kept in the address (?from=&to=) so a link shows the same figures. */
export function periodOf(place: Place): { from: string; to: string } {
  return { from: place.search.get('from') || yearsAgo(5), to: place.search.get('to') || isoDate() };
}

export function PeriodFilter({
  place,
  effective,
}: {
  place: Place;
  /** The period the API counted, when it differs from the one asked. */
  effective?: { from: string; to: string };
}) {
  const { from, to } = periodOf(place);
  return (
    <>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="d-from">统计起始</label>
          <input
            id="d-from"
            type="date"
            value={from}
            onChange={(e) => navigate(withSearch(place, { from: e.target.value }), { replace: true })}
          />
        </div>
        <div>
          <label htmlFor="d-to">统计截止</label>
          <input
            id="d-to"
            type="date"
            value={to}
            onChange={(e) => navigate(withSearch(place, { to: e.target.value }), { replace: true })}
          />
        </div>
      </form>
      {effective && (effective.from !== from || effective.to !== to) && (
        <p className="muted" data-testid="effective-period">
          实际统计期间：{effective.from} 至 {effective.to}
          （违法违规记录自 2020 年起归集，统计截止不晚于今日）
        </p>
      )}
    </>
  );
}
