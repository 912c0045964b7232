import { useCallback, useEffect, useState } from 'react';
import { ApiError, call, describeError } from '../api/client';
import {
  fmtTime,
  isoDate,
  OBJECTION_ACTION,
  OBJECTION_STATUS,
  OBJECTION_TYPE,
  REJECT_REASON,
  ROLE,
  term,
  VERDICT,
  yearsAgo,
} from '../api/terms';
import { DueDate } from '../components/DueDate';
import { Notice } from '../components/Status';
import {
  DeskObjectionsDocument,
  DeskQualityDocument,
  DeskResolveDocument,
  DeskStartReviewDocument,
  type DeskObjectionsQuery,
  type DeskQualityQuery,
} from '../graphql/generated/operations';
import type { Session } from '../session/session';

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
              办理期限：
              <strong>
                <DueDate
                  date={o.dueDate ?? o.reviewDueDate ?? o.acceptDueDate}
                  provisional={o.dueDate !== null && o.dueDateProvisional}
                />
              </strong>
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

/** What GET /imports/<id> answers (records/src/import/importJobs.ts: ImportJobView). */
interface ImportJob {
  id: string;
  fileName: string;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  total: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  rejected: number;
  unknownColumns: string[];
  error: { code: string; message: string } | null;
  rejectsUrl: string | null;
  rejectedRows: { line: number; reasons: { field: string; code: string; text: string }[] }[];
}

const VERDICT_COUNTS = [
  ['CREATED', 'created'],
  ['UPDATED', 'updated'],
  ['UNCHANGED', 'unchanged'],
  ['EXCLUDED', 'excluded'],
  ['REJECTED', 'rejected'],
] as const;
// How often the page asks how far the import is.
const POLL_MS = 500;

/** The gateway's file routes with the session's token; a refusal becomes an ApiError naming code and field. */
async function fileCall(session: Session, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(path, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${session.token}` },
  });
  if (res.ok) return res;
  const body = (await res.json().catch(() => ({}))) as {
    errors?: { message: string; extensions?: { code?: string; field?: string } }[];
  };
  const e = body.errors?.[0];
  throw new ApiError(e?.message ?? `HTTP ${res.status}`, e?.extensions?.code, e?.extensions?.field);
}

/**
 * The file goes to the gateway as it is (POST /imports) and the records importer reads it, as
 * `pnpm import:records` does: the page only shows the job's progress and verdicts and fetches
 * its rejects file.
 */
function Upload({ session, onDone }: { session: Session; onDone: () => void }) {
  const [file, setFile] = useState<File>();
  const [job, setJob] = useState<ImportJob>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const upload = async () => {
    if (!file) return;
    setError(undefined);
    setJob(undefined);
    setBusy(true);
    try {
      const started = await fileCall(session, `/imports?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file,
      });
      let current = (await started.json()) as ImportJob;
      setJob(current);
      while (current.status === 'RUNNING') {
        await new Promise((r) => setTimeout(r, POLL_MS));
        current = (await (await fileCall(session, `/imports/${current.id}`)).json()) as ImportJob;
        setJob(current);
      }
      if (current.status === 'FAILED' && current.error)
        setError(describeError(new ApiError(current.error.message, current.error.code)));
      onDone();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const downloadRejects = async () => {
    if (!job?.rejectsUrl) return;
    try {
      const res = await fileCall(session, job.rejectsUrl);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `退回行-${job.fileName.replace(/\.\w+$/, '')}${/\.\w+$/.exec(job.fileName)?.[0] ?? '.csv'}`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const summary = job
    ? VERDICT_COUNTS.filter(([, k]) => job[k] > 0)
        .map(([v, k]) => `${term(VERDICT, v)} ${job[k]} 行`)
        .join('，')
    : '';
  return (
    <section className="card" aria-labelledby="upload-title">
      <h2 id="upload-title">上传双公示文件</h2>
      <p className="hint">
        全国“双公示”行政处罚导出文件（CSV：UTF-8 或 GB18030；Excel
        .xlsx），由平台按导入工具的同一规则逐行归集；同一文件重复上传不会产生新版本。退回的行可下载（原文件各列，前加行号、原因、原因代码），改正后直接上传该文件重报。
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void upload();
        }}
      >
        <label htmlFor="file">选择文件</label>
        <input
          id="file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.target.files?.[0])}
        />
        <button type="submit" disabled={!file || busy}>
          上传并归集
        </button>
      </form>
      {job && (
        <div className="progress">
          <label htmlFor="upload-progress">
            {job.status === 'RUNNING' ? '归集中' : job.status === 'DONE' ? '归集完成' : '归集中止'} {job.rows} /{' '}
            {job.total || '…'} 行
          </label>
          <progress id="upload-progress" max={Math.max(job.total, 1)} value={job.rows} />
        </div>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {job && summary && (
        <p data-testid="upload-summary" aria-live="polite">
          {summary}
        </p>
      )}
      {job && job.unknownColumns.length > 0 && (
        <p className="hint">未识别的列（已忽略）：{job.unknownColumns.join('、')}</p>
      )}
      {job?.rejectsUrl && (
        <button type="button" className="secondary" onClick={() => void downloadRejects()}>
          下载退回行（{job.rejected}）
        </button>
      )}
      {job && job.rejectedRows.length > 0 && (
        <div className="table-wrap">
          <table data-testid="verdicts">
            <caption>
              退回的行{job.rejected > job.rejectedRows.length ? `（前 ${job.rejectedRows.length} 行）` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">行号</th>
                <th scope="col">原因</th>
                <th scope="col">原因类别</th>
              </tr>
            </thead>
            <tbody>
              {job.rejectedRows.map((r) => (
                <tr key={r.line} className="row-bad">
                  <td>{r.line}</td>
                  <td>{r.reasons.map((x) => x.text).join('；')}</td>
                  <td>{[...new Set(r.reasons.map((x) => term(REJECT_REASON, x.code)))].join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
          <dd>{q.rejectedByReason.map((r) => `${term(REJECT_REASON, r.reason)} ${r.rows} 行`).join('；') || '—'}</dd>
        </dl>
      )}
    </section>
  );
}
