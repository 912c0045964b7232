import type { ReactNode } from 'react';
import { Link } from '../router/Link';
import { Notice } from './Status';

/** A case page's head (objection, complaint): the way back, number, state, overdue mark, the last act's outcome. */
export function CaseHeader(props: {
  back: { to: string; label: string };
  title: ReactNode;
  status?: string;
  overdue?: boolean;
  error?: string;
  done?: string;
}) {
  return (
    <>
      <p>
        <Link to={props.back.to}>← {props.back.label}</Link>
      </p>
      <h1>
        {props.title}
        {props.status && <span className="tag">{props.status}</span>}
        {props.overdue && <span className="tag tag-warn">已逾期</span>}
      </h1>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.done && <Notice kind="ok">{props.done}</Notice>}
    </>
  );
}
