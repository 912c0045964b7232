import { useEffect, useRef, useState } from 'react';
import { ROLE } from './api/terms';
import { Notice } from './components/Status';
import { Landing } from './pages/Landing';
import { findRoute, homeOf, mayOpen, navigationOf } from './routes';
import { Link } from './router/Link';
import { navigate, usePlace } from './router/router';
import { currentSession, saveSession, takeTokenFromFragment, type Session } from './session/session';

const SITE = '贵州省专项信用报告平台';

// Links written before the console had paths (`/#/portal`) still open their page.
function followLegacyHash(): void {
  if (location.hash.startsWith('#/')) navigate(location.hash.slice(1) || '/', { replace: true });
}

export function App() {
  const [session, setSession] = useState<Session | undefined>(() => takeTokenFromFragment() ?? currentSession());
  const place = usePlace();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(place.path);
  useEffect(followLegacyHash, []);
  const found = place.path === '/' ? undefined : findRoute(place.path);
  const allowed = found && mayOpen(found.route, session);
  useEffect(() => {
    document.title = allowed ? `${found.route.title} · ${SITE}` : SITE;
    // After a navigation, a screen reader and the keyboard start at the new page, not at the old link.
    if (place.path !== firstPath.current) main.current?.focus({ preventScroll: true });
  }, [place.path, allowed, found?.route.title]);

  const signIn = (s: Session) => {
    saveSession(s);
    setSession(s);
    // A deep link opened before signing in is where the reader wanted to go.
    navigate(found && mayOpen(found.route, s) ? place.path : homeOf(s), { replace: true });
  };
  const signOut = () => {
    saveSession(undefined);
    setSession(undefined);
    navigate('/');
  };

  let page;
  if (found && allowed) page = found.route.render({ session: session!, params: found.params, place });
  else if (place.path !== '/' && !found)
    page = (
      <section className="card">
        <h1>页面不存在</h1>
        <p>
          地址 <code>{place.path}</code> 没有对应的页面。<Link to={session ? homeOf(session) : '/'}>返回首页</Link>
        </p>
      </section>
    );
  else
    page = (
      <>
        {found && (
          <Notice kind="info">
            {session ? '当前身份不能打开此页面，请换用有权限的身份登录。' : '请先登录，登录后将打开您要访问的页面。'}
          </Notice>
        )}
        <Landing session={session} onSignIn={signIn} />
      </>
    );
  const nav = session ? navigationOf(session) : [];
  return (
    <>
      <a className="skip" href="#main">
        跳到正文
      </a>
      <header className="topbar">
        <Link className="brand" to="/" exact>
          {SITE}
        </Link>
        <nav aria-label="主导航">
          {session && homeOf(session) !== '/' && <Link to={homeOf(session)}>我的工作台</Link>}
          <a href="/graphiql">GraphQL 调试（GraphiQL）</a>
          {session && (
            <span className="who">
              {ROLE[session.role] ?? session.role}
              {session.label ? ` · ${session.label}` : ''}
              <button type="button" className="link" onClick={signOut}>
                退出
              </button>
            </span>
          )}
        </nav>
      </header>
      {nav.length > 1 && (
        <nav className="rolenav" aria-label="工作台导航">
          {nav.map((r) => (
            // An area's first page is marked only on itself, not on the pages under it.
            <Link key={r.path} to={r.path} exact={nav.some((o) => o.path.startsWith(`${r.path}/`))}>
              {r.nav}
            </Link>
          ))}
        </nav>
      )}
      <main id="main" tabIndex={-1} ref={main}>
        {page}
      </main>
    </>
  );
}
