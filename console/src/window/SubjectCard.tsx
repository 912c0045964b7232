import { SUBJECT_KIND_ZH, SUBJECT_STATUS_ZH, term } from '../../../shared/src/contracts/terms';
import type { WindowSubject } from './SubjectFinder';

/** Who the report is for, as the register has it, so the operator can compare with the papers shown. */
export function SubjectCard({ subject }: { subject: WindowSubject }) {
  return (
    <section className="card" aria-labelledby="subject-title">
      <h2 id="subject-title">信用主体</h2>
      <dl className="facts">
        <dt>名称</dt>
        <dd>{subject.name}</dd>
        <dt>统一社会信用代码</dt>
        <dd>{subject.creditCode}</dd>
        <dt>主体类型</dt>
        <dd>{term(SUBJECT_KIND_ZH, subject.kind)}</dd>
        <dt>法定代表人（负责人）</dt>
        <dd>{subject.legalRepresentative ?? '—'}</dd>
        <dt>登记状态</dt>
        <dd>{term(SUBJECT_STATUS_ZH, subject.status)}</dd>
      </dl>
    </section>
  );
}
