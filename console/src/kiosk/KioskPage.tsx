import { useCallback, useState } from 'react';
import type { Place } from '../router/router';
import type { WindowSubject } from '../window/SubjectFinder';
import type { IssuedAtWindow } from '../window/WindowIssueForm';
import { KioskCodeEntry } from './KioskCodeEntry';
import { KioskDone } from './KioskDone';
import { KioskIssue } from './KioskIssue';
import { idleSecondsOf, useIdleReset } from './useIdleReset';

/** One person's use of the terminal; its state lives here only, so a remount forgets it. */
function KioskVisit({ onFinish }: { onFinish: () => void }) {
  const [subject, setSubject] = useState<WindowSubject>();
  const [issued, setIssued] = useState<IssuedAtWindow>();
  if (!subject) return <KioskCodeEntry onFound={setSubject} />;
  if (!issued) return <KioskIssue subject={subject} onIssued={setIssued} onCancel={onFinish} />;
  return <KioskDone report={issued} onFinish={onFinish} />;
}

/**
 * The self-service terminal (一体化智能自助终端). After the idle time (60 s) or 完成 the visit is
 * unmounted and a new one starts: the previous person's subject, code and report leave the DOM.
 */
export function KioskPage({ place }: { place: Place }) {
  const [visit, setVisit] = useState(0);
  const restart = useCallback(() => setVisit((n) => n + 1), []);
  const seconds = idleSecondsOf(place.search);
  useIdleReset(seconds, restart);
  return (
    <div className="kiosk">
      <h1>自助打印专项信用报告</h1>
      <p className="muted">{seconds} 秒无操作将自动返回首页。</p>
      <KioskVisit key={visit} onFinish={restart} />
    </div>
  );
}
