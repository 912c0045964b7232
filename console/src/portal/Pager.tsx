import { Link } from '../router/Link';
import { withSearch, type Place } from '../router/router';

/**
 * "第 x–y 条，共 N 条" and links to the previous and next page: real links, so each page is an
 * entry of the browser's history.
 */
export function Pager(props: {
  place: Place;
  trail: string[];
  shown: number;
  first: number;
  total?: number;
  endCursor?: string | null;
  hasNextPage: boolean;
  /** The pager under a long list repeats the one above it under its own name. */
  bottom?: boolean;
}) {
  const { place, trail, shown, first, total } = props;
  const last = first + shown - 1;
  const at = (t: string[]) => withSearch(place, { after: t.length ? t.join('.') : undefined });
  return (
    <nav className="pager" aria-label={props.bottom ? '翻页（列表底部）' : '翻页'}>
      <span data-testid={props.bottom ? undefined : 'pager-range'}>
        {shown === 0 ? '无记录' : `第 ${first}–${last} 条`}
        {total !== undefined && `，共 ${total} 条`}
      </span>
      {trail.length > 0 && <Link to={at(trail.slice(0, -1))}>上一页</Link>}
      {props.hasNextPage && props.endCursor && <Link to={at([...trail, props.endCursor])}>下一页</Link>}
    </nav>
  );
}
