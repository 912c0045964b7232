import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import {
  fmtTime,
  isoDate,
  OBJECTION_ACTION,
  OBJECTION_STATUS,
  OBJECTION_TYPE,
  ROLE,
  term,
  VERDICT,
  yearsAgo,
} from '../api/terms';
import { Notice } from '../components/Status';
import {
  DeskObjectionsDocument,
  DeskQualityDocument,
  DeskResolveDocument,
  DeskStartReviewDocument,
  DeskSubmitRecordsDocument,
  type DeskObjectionsQuery,
  type DeskQualityQuery,
  type RecordInput,
} from '../graphql/generated/operations';
import type { Session } from '../session/session';
import { mapHeaders, rowInput } from '../upload/columns';
import { readTable } from '../upload/readTable';

type Objection = DeskObjectionsQuery['objections']['edges'][number]['node'];

/** The source unit's desk: objections routed to it, file upload with verdicts, its quality figures. */
export function Desk({ session }: { session: Session }) {
  const [version, setVersion] = useState(0);
  return (
    <div className="page">
      <h1>数据来源单位工作台 · {session.unitCode}</h1>
      <DeskObjections onChange={() => setVersion((v) => v + 1)} />
      <Upload session={session} onDone={() => setVersion((v) => v + 1)} />
      <Quality version={version} />
    </div>
  );
}

function DeskObjections({ onChange }: { onChange: () => void }) {
  const [data, setData] = useState<DeskObjectionsQuery>();
  const [error, setError] = useState<string>();
  const [resolving, setResolving] = useState<Objection>();
  const load = useCallback(() => {
    call(DeskObjectionsDocument, {}).then(setData, (e) => setError(describeError(e)));
  }, []);
  useEffect(load, [load]);
  const act = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      load();
      onChange();
    } catch (e) {
      setError(describeError(e));
    }
  };
  const list = data?.objections.edges.map((e) => e.node) ?? [];
  const open = list.filter((o) => ['FORWARDED', 'UNDER_REVIEW'].includes(o.status));
  return (
    <section className="card" aria-labelledby="desk-objections">
      <h2 id="desk-objections">待办异议</h2>
      <p>
        共 {list.length} 件，其中待处理 <strong data-testid="open-count">{open.length}</strong> 件，已逾期{' '}
        <strong>{list.filter((o) => o.overdue).length}</strong> 件。
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      <ul className="objections">
        {list.map((o) => (
          <li key={o.id} className={`objection${o.overdue ? ' overdue' : ''}`} data-testid="desk-objection">
            <div className="record-head">
              <strong>{o.number}</strong>
              <span className="tag">{term(OBJECTION_STATUS, o.status)}</span>
              {o.overdue && <span className="tag tag-warn">已逾期</span>}
            </div>
            <div className="muted">
              {term(OBJECTION_TYPE, o.type)} · 主体 {o.creditCode} · 决定书 {o.record.decisionNumber} · 提交于{' '}
              {fmtTime(o.filedAt)}
            </div>
            <div>
              办理期限：<strong>{o.dueDate ?? o.reviewDueDate ?? o.acceptDueDate}</strong>
            </div>
            <div>理由：{o.reason}</div>
            {o.explanation && <div>处理说明：{o.explanation}</div>}
            <details>
              <summary>办理进度（{o.timeline.length}）</summary>
              <ol className="timeline">
                {o.timeline.map((t) => (
                  <li key={t.seq}>
                    {fmtTime(t.at)} {term(OBJECTION_ACTION, t.action)}（{term(ROLE, t.role)}）
                    {t.note ? `：${t.note}` : ''}
                  </li>
                ))}
              </ol>
            </details>
            <div className="actions">
              {o.status === 'FORWARDED' && (
                <button
                  type="button"
                  onClick={() => void act(() => call(DeskStartReviewDocument, { id: o.id, note: '已接收，开始核查' }))}
                >
                  开始核查 {o.number}
                </button>
              )}
              {o.status === 'UNDER_REVIEW' && (
                <button type="button" onClick={() => setResolving(o)}>
                  办理 {o.number}
                </button>
              )}
            </div>
            {resolving?.id === o.id && (
              <ResolveForm
                objection={o}
                onCancel={() => setResolving(undefined)}
                onSubmit={(input) =>
                  act(async () => {
                    await call(DeskResolveDocument, { input });
                    setResolving(undefined);
                  })
                }
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ResolveForm(props: {
  objection: Objection;
  onCancel: () => void;
  onSubmit: (input: Parameters<typeof call<unknown, { input: never }>>[1]['input']) => Promise<void>;
}) {
  const o = props.objection;
  const [outcome, setOutcome] = useState('UPHELD');
  const [explanation, setExplanation] = useState('');
  const [fine, setFine] = useState(o.record.fineAmount ?? '');
  const [content, setContent] = useState(o.record.penaltyContent ?? '');
  return (
    <form
      className="resolve"
      onSubmit={(e) => {
        e.preventDefault();
        const input = {
          id: o.id,
          outcome,
          explanation,
          correction:
            outcome === 'UPHELD'
              ? {
                  action: 'CORRECT',
                  reason: `异议成立：${explanation}`,
                  changes: { fineAmount: fine || null, penaltyContent: content || null },
                }
              : null,
        };
        void props.onSubmit(input as never);
      }}
    >
      <fieldset>
        <legend>核查结论</legend>
        <label>
          <input
            type="radio"
            name={`outcome-${o.id}`}
            value="UPHELD"
            checked={outcome === 'UPHELD'}
            onChange={() => setOutcome('UPHELD')}
          />
          异议成立，更正数据
        </label>
        <label>
          <input
            type="radio"
            name={`outcome-${o.id}`}
            value="REJECTED"
            checked={outcome === 'REJECTED'}
            onChange={() => setOutcome('REJECTED')}
          />
          异议不成立
        </label>
      </fieldset>
      <label htmlFor={`ex-${o.id}`}>处理说明</label>
      <textarea
        id={`ex-${o.id}`}
        rows={2}
        value={explanation}
        onChange={(e) => setExplanation(e.target.value)}
        required
      />
      {outcome === 'UPHELD' && (
        <>
          <label htmlFor={`fine-${o.id}`}>更正后罚款金额（元）</label>
          <input id={`fine-${o.id}`} value={fine} onChange={(e) => setFine(e.target.value)} />
          <label htmlFor={`content-${o.id}`}>更正后处罚内容</label>
          <input id={`content-${o.id}`} value={content} onChange={(e) => setContent(e.target.value)} />
        </>
      )}
      <button type="submit">提交办理结果</button>
      <button type="button" className="secondary" onClick={props.onCancel}>
        取消
      </button>
    </form>
  );
}

interface Verdict {
  row: number;
  decisionNumber: string;
  verdict: string;
  reasons: string;
}

// submitRecords takes up to 1,000 rows a call; smaller batches let the progress bar move.
const BATCH = 200;

function Upload({ session, onDone }: { session: Session; onDone: () => void }) {
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [verdicts, setVerdicts] = useState<Verdict[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const upload = async () => {
    if (!file) return;
    setError(undefined);
    setVerdicts([]);
    setBusy(true);
    try {
      const table = await readTable(file);
      const { setters } = mapHeaders(table.headers);
      const domain = session.domains?.length === 1 ? session.domains[0] : undefined;
      const rows = table.rows.map((r) => ({ row: r.row, input: rowInput(setters, r.values, domain) }));
      setProgress({ done: 0, total: rows.length });
      const out: Verdict[] = [];
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        const r = await call(DeskSubmitRecordsDocument, { records: batch.map((b) => b.input as RecordInput) });
        for (const res of r.submitRecords.results) {
          const src = batch[res.index];
          out.push({
            row: src.row,
            decisionNumber: res.decisionNumber ?? String(src.input.decisionNumber ?? ''),
            verdict: res.verdict,
            reasons: res.reasons.map((x) => `${x.field}：${x.message}（${x.code}）`).join('；'),
          });
        }
        setProgress({ done: Math.min(i + BATCH, rows.length), total: rows.length });
        setVerdicts([...out]);
      }
      onDone();
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const counts = verdicts.reduce<Record<string, number>>(
    (acc, v) => ({ ...acc, [v.verdict]: (acc[v.verdict] ?? 0) + 1 }),
    {},
  );
  const rejects = verdicts.filter((v) => v.verdict === 'REJECTED');
  const downloadRejects = () => {
    const q = (s: string | number) => `"${String(s).replace(/"/g, '""')}"`;
    const csv = [
      '文件行号,行政处罚决定书文号,退回原因',
      ...rejects.map((r) => [r.row, r.decisionNumber, r.reasons].map(q).join(',')),
    ].join('\r\n');
    const url = URL.createObjectURL(new Blob(['\uFEFF' + csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `rejects-${file?.name.replace(/\.\w+$/, '') ?? 'upload'}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="card" aria-labelledby="upload-title">
      <h2 id="upload-title">上传双公示文件</h2>
      <p className="hint">
        全国“双公示”行政处罚导出文件（CSV：UTF-8 或 GB18030；Excel .xlsx）。逐行给出归集结果；退回的行可下载后修改重报。
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void upload();
        }}
      >
        <label htmlFor="file">选择文件</label>
        <input id="file" type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => setFile(e.target.files?.[0])} />
        <button type="submit" disabled={!file || busy}>
          上传并归集
        </button>
      </form>
      {progress && (
        <div className="progress">
          <label htmlFor="upload-progress">
            归集进度 {progress.done} / {progress.total} 行
          </label>
          <progress id="upload-progress" max={progress.total} value={progress.done} />
        </div>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {verdicts.length > 0 && (
        <>
          <p data-testid="upload-summary">
            {Object.entries(counts)
              .map(([k, n]) => `${term(VERDICT, k)} ${n} 行`)
              .join('，')}
          </p>
          {rejects.length > 0 && (
            <button type="button" className="secondary" onClick={downloadRejects}>
              下载退回行（{rejects.length}）
            </button>
          )}
          <div className="table-wrap">
            <table data-testid="verdicts">
              <caption>逐行结果</caption>
              <thead>
                <tr>
                  <th scope="col">行号</th>
                  <th scope="col">决定书文号</th>
                  <th scope="col">结果</th>
                  <th scope="col">原因</th>
                </tr>
              </thead>
              <tbody>
                {verdicts.slice(0, 200).map((v) => (
                  <tr key={v.row} className={v.verdict === 'REJECTED' ? 'row-bad' : ''}>
                    <td>{v.row}</td>
                    <td>{v.decisionNumber}</td>
                    <td>{term(VERDICT, v.verdict)}</td>
                    <td>{v.reasons}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Quality({ version }: { version: number }) {
  const [data, setData] = useState<DeskQualityQuery>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(DeskQualityDocument, { from: yearsAgo(1), to: isoDate() }).then(setData, (e) => setError(describeError(e)));
  }, [version]);
  const q = data?.recordQuality[0];
  return (
    <section className="card" aria-labelledby="quality-title">
      <h2 id="quality-title">本单位归集质量（近一年）</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {data && !q && <p>近一年没有报送批次。</p>}
      {q && (
        <dl className="facts" data-testid="quality">
          <dt>报送批次</dt>
          <dd>{q.batches}</dd>
          <dt>报送行数</dt>
          <dd>{q.rowsSubmitted}</dd>
          <dt>接收（新增/更新/未变化）</dt>
          <dd>
            {q.accepted}（{q.created}/{q.updated}/{q.unchanged}）
          </dd>
          <dt>不予归集</dt>
          <dd>{q.excluded}</dd>
          <dt>退回</dt>
          <dd>
            {q.rejected}（退回率 {(q.rejectionRate * 100).toFixed(1)}%）
          </dd>
          <dt>报送时效（中位/90%）</dt>
          <dd>
            {q.lagMedianDays ?? '—'} / {q.lagP90Days ?? '—'} 天；超过 {q.lateThresholdDays} 天 {q.lateRows} 行
          </dd>
          <dt>主要退回原因</dt>
          <dd>{q.rejectedByReason.map((r) => `${r.reason} ${r.rows}`).join('；') || '—'}</dd>
        </dl>
      )}
    </section>
  );
}
