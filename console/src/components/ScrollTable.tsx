import { useId, type ReactNode } from 'react';

/**
 * A table wider than a phone scrolls inside its own box, not the page: the box is a named region a
 * keyboard can reach (Tab, then the arrow keys scroll it). A `tall` one (a register of 70 rows) also
 * scrolls down in its box under a header that stays, so the page around it stays short.
 */
export function ScrollTable(props: { caption: string; children: ReactNode; testId?: string; tall?: boolean }) {
  const id = useId();
  return (
    <div
      className={`table-wrap scroll-table${props.tall ? ' scroll-table-tall' : ''}`}
      role="region"
      aria-labelledby={id}
      tabIndex={0}
      data-testid={props.testId}
    >
      <table>
        <caption id={id}>{props.caption}</caption>
        {props.children}
      </table>
    </div>
  );
}
