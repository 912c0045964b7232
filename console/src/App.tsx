import { useEffect, useState } from 'react';
import { ROLE } from './api/terms';
import { Dashboard } from './pages/Dashboard';
import { Desk } from './pages/Desk';
import { Landing } from './pages/Landing';
import { Portal } from './pages/Portal';
import { currentSession, saveSession, takeTokenFromFragment, type Session } from './session/session';

/** Which page a role works in. */
export function homeOf(role: string): string {
  if (role === 'SUBJECT') return '#/portal';
  if (role === 'SOURCE_UNIT') return '#/desk';
  if (role === 'LEAD_DEPARTMENT' || role === 'ANALYST') return '#/dashboard';
  return '#/';
}

export function App() {
  const [session, setSession] = useState<Session | undefined>(() => takeTokenFromFragment() ?? currentSession());
  const [route, setRoute] = useState(location.hash || '#/');
  useEffect(() => {
    const onHash = () => setRoute(location.hash || '#/');
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const signIn = (s: Session) => {
    saveSession(s);
    setSession(s);
    location.hash = homeOf(s.role);
  };
  const signOut = () => {
    saveSession(undefined);
    setSession(undefined);
    location.hash = '#/';
  };
  let page;
  if (!session || route === '#/') page = <Landing session={session} onSignIn={signIn} />;
  else if (route.startsWith('#/portal') && session.role === 'SUBJECT') page = <Portal session={session} />;
  else if (route.startsWith('#/desk') && session.role === 'SOURCE_UNIT') page = <Desk session={session} />;
  else if (route.startsWith('#/dashboard') && (session.role === 'LEAD_DEPARTMENT' || session.role === 'ANALYST'))
    page = <Dashboard session={session} />;
  else page = <Landing session={session} onSignIn={signIn} />;
  return (
    <>
      <a className="skip" href="#main">
        跳到正文
      </a>
      <header className="topbar">
        <a className="brand" href="#/">
          贵州省专项信用报告平台
        </a>
        <nav aria-label="主导航">
          {session && homeOf(session.role) !== '#/' && <a href={homeOf(session.role)}>我的工作台</a>}
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
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}
