import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate, usePlace } from './router';

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; exact?: boolean };

/**
 * A link to a console page: a real `<a href>` (open in a new tab, copy the address), followed without
 * a reload; `aria-current="page"` marks the page the reader is on.
 */
export function Link({ to, exact, onClick, children, ...rest }: Props) {
  const { path } = usePlace();
  const target = to.split('?')[0];
  const active = exact ? path === target : path === target || path.startsWith(`${target}/`);
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={follow} aria-current={active ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}
