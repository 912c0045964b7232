import { useState } from 'react';
import type { WindowAuthorizationInput } from '../graphql/generated/operations';
import type { Session } from '../session/session';
import { AuthorisationForm } from './AuthorisationForm';
import { HandOver } from './HandOver';
import { PrintView } from './PrintView';
import { SubjectCard } from './SubjectCard';
import { SubjectFinder, type WindowSubject } from './SubjectFinder';
import { WindowIssueForm, type IssuedAtWindow } from './WindowIssueForm';

/** One visit at the window, step by step; 接待下一位 starts the next with nothing of this one kept. */
function Visit({ onNext }: { onNext: () => void }) {
  const [subject, setSubject] = useState<WindowSubject>();
  const [authorization, setAuthorization] = useState<WindowAuthorizationInput>();
  const [issued, setIssued] = useState<IssuedAtWindow>();
  if (!subject) return <SubjectFinder onFound={setSubject} />;
  return (
    <>
      <SubjectCard subject={subject} />
      {!authorization && (
        <AuthorisationForm
          legalRepresentative={subject.legalRepresentative}
          onConfirm={setAuthorization}
          onBack={() => setSubject(undefined)}
        />
      )}
      {authorization && !issued && (
        <WindowIssueForm creditCode={subject.creditCode} authorization={authorization} onIssued={setIssued} />
      )}
      {issued && (
        <>
          <PrintView report={issued} />
          <HandOver number={issued.number} verificationCode={issued.verificationCode} />
          <button type="button" className="no-print" onClick={onNext}>
            接待下一位
          </button>
        </>
      )}
    </>
  );
}

/** The service window (政务服务窗口): find the subject, confirm the authorisation, issue, print, hand over. */
export function WindowPage({ session }: { session: Session }) {
  const [visit, setVisit] = useState(0);
  return (
    <>
      <h1>政务服务窗口 · 专项信用报告</h1>
      <p className="muted">
        窗口编号：{session.operatorId ?? '—'}。为不方便网上办理的主体查询、打印专项信用报告，免费办理。
      </p>
      {/* A new key unmounts the finished visit: its subject and authorisation are dropped, not hidden. */}
      <Visit key={visit} onNext={() => setVisit((n) => n + 1)} />
    </>
  );
}
