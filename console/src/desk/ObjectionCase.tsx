import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { fmtTime, OBJECTION_STATUS, OBJECTION_TYPE, RECORD_FIELD, term } from '../api/terms';
import { DueDate } from '../components/DueDate';
import { CaseHeader } from '../components/CaseHeader';
import { useAction } from '../components/useAction';
import { Notice } from '../components/Status';
import {
  DeskObjectionDocument,
  DeskResolveDocument,
  DeskStartReviewDocument,
  type DeskObjectionQuery,
} from '../graphql/generated/operations';
import { Link } from '../router/Link';
import { CORRECTION_FIELDS } from './correctionFields';
import { ObjectionTimeline } from './ObjectionTimeline';
import { RecordActions } from './RecordActions';
import { RecordFacts } from './RecordFacts';
import { ResolveForm } from './ResolveForm';

type Case = DeskObjectionQuery['objections']['edges'][number]['node'];

const fieldLabel = (name: string) => CORRECTION_FIELDS.find((f) => f.name === name)?.label ?? term(RECORD_FIELD, name);

/** One objection beside the record it is about: review it, decide it, correct, revoke or repair the record. */
export function ObjectionCase({ number }: { number: string }) {
  const [found, setFound] = useState<Case | null>();
  const [loadError, setLoadError] = useState<string>();
  const load = useCallback(() => {
    call(DeskObjectionDocument, { number }).then(
      (r) => setFound(r.objections.edges[0]?.node ?? null),
      (e) => setLoadError(describeError(e)),
    );
  }, [number]);
  useEffect(load, [load]);
  const action = useAction();
  // After each act the case is read again: its state, timeline and due date follow from it.
  const act = async (fn: () => Promise<unknown>, message: string) => {
    if (await action.run(fn, message)) load();
  };
  if (found === null)
    return (
      <div className="page">
        <h1>异议 {number}</h1>
        <Notice kind="error">没有找到该异议，或它不由本单位办理。</Notice>
        <Link to="/desk/objections">返回异议列表</Link>
      </div>
    );
  const o = found;
  return (
    <div className="page">
      <CaseHeader
        back={{ to: '/desk/objections', label: '异议列表' }}
        title={`异议 ${number}`}
        status={o ? term(OBJECTION_STATUS, o.status) : undefined}
        overdue={o?.overdue}
        error={loadError ?? action.error}
        done={action.ok}
      />
      {o && (
        <div className="case-grid">
          <section className="card" aria-labelledby="objection-title" data-testid="objection-case">
            <h2 id="objection-title">异议内容</h2>
            <dl className="facts">
              <dt>类型</dt>
              <dd>{term(OBJECTION_TYPE, o.type)}</dd>
              <dt>提交时间</dt>
              <dd>{fmtTime(o.filedAt)}</dd>
              <dt>办理期限</dt>
              <dd className={o.overdue ? 'overdue-date' : undefined}>
                {o.dueDate ? <DueDate date={o.dueDate} provisional={o.dueDateProvisional} /> : '已办结'}
              </dd>
              <dt>理由</dt>
              <dd>{o.reason}</dd>
              {o.explanation && (
                <>
                  <dt>处理说明</dt>
                  <dd>{o.explanation}</dd>
                </>
              )}
              {o.correction && (
                <>
                  <dt>对记录的处理</dt>
                  <dd data-testid="correction">
                    {{ CORRECT: '更正', REVOKE: '撤销', REPAIR: '信用修复' }[o.correction.action]}
                    {o.correction.applied ? '（已生效）' : '（待生效）'}
                    {o.correction.changes.map((c) => `；${fieldLabel(c.field)}：${c.value ?? '—'}`).join('')}
                  </dd>
                </>
              )}
            </dl>
            <h3>办理进度</h3>
            <ObjectionTimeline timeline={o.timeline} />
            {o.status === 'FORWARDED' && (
              <button
                type="button"
                onClick={() =>
                  void act(() => call(DeskStartReviewDocument, { id: o.id, note: '已接收，开始核查' }), '已开始核查。')
                }
              >
                开始核查
              </button>
            )}
          </section>
          <div>
            <RecordFacts record={o.record} />
            {!['FORWARDED', 'UNDER_REVIEW'].includes(o.status) && <RecordActions record={o.record} onChange={load} />}
          </div>
        </div>
      )}
      {o?.status === 'UNDER_REVIEW' && (
        <section className="card">
          <ResolveForm
            objection={o}
            record={o.record}
            onSubmit={(input) =>
              act(() => call(DeskResolveDocument, { input }), '办理结果已提交，申请人将收到处理说明。')
            }
          />
        </section>
      )}
    </div>
  );
}
