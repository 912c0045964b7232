import { useState } from 'react';
import { ApiError, describeError } from '../api/client';
import { IMPORT_STATUS, term, VERDICT } from '../api/terms';
import { Notice } from '../components/Status';
import { Link } from '../router/Link';
import type { Session } from '../session/session';
import { downloadRejects, fileCall, readJob, type ImportJobView } from './importFiles';
import { RejectedRows } from './RejectedRows';

const VERDICT_COUNTS = [
  ['CREATED', 'created'],
  ['UPDATED', 'updated'],
  ['UNCHANGED', 'unchanged'],
  ['EXCLUDED', 'excluded'],
  ['REJECTED', 'rejected'],
] as const;
// How often the page asks how far the import is.
const POLL_MS = 500;

/** 'Created 2 rows, rejected 1 row' for a job's counts. */
export function verdictSummary(job: Pick<ImportJobView, (typeof VERDICT_COUNTS)[number][1]>): string {
  return VERDICT_COUNTS.filter(([, k]) => job[k] > 0)
    .map(([v, k]) => `${term(VERDICT, v)} ${job[k]} 行`)
    .join('，');
}

/**
 * The file goes to the gateway as it is (POST /imports) and the records importer reads it, as
 * `pnpm import:records` does: the page only shows the job's progress and verdicts and fetches
 * its rejects file.
 */
export function UploadPage({ session }: { session: Session }) {
  const [file, setFile] = useState<File>();
  const [job, setJob] = useState<ImportJobView>();
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
      let current = (await started.json()) as ImportJobView;
      setJob(current);
      while (current.status === 'RUNNING') {
        await new Promise((r) => setTimeout(r, POLL_MS));
        current = await readJob(session, current.id);
        setJob(current);
      }
      if (current.status === 'FAILED' && current.error)
        setError(describeError(new ApiError(current.error.message, current.error.code)));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const summary = job ? verdictSummary(job) : '';
  return (
    <div className="page">
      <h1>上传双公示文件</h1>
      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title" className="sr-only">
          上传与归集
        </h2>
        <p className="hint">
          全国“双公示”行政处罚导出文件（CSV：UTF-8 或 GB18030；Excel
          .xlsx），由平台按导入工具的同一规则逐行归集；同一文件重复上传不会产生新版本。退回的行可下载（原文件各列，前加行号、原因、原因代码），改正后直接上传该文件重报。以往的上传见
          <Link to="/desk/imports">导入记录</Link>。
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
              {term(IMPORT_STATUS, job.status)} {job.rows} / {job.total || '…'} 行
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
          <button
            type="button"
            className="secondary"
            onClick={() => downloadRejects(session, job).catch((e: unknown) => setError(describeError(e)))}
          >
            下载退回行（{job.rejected}）
          </button>
        )}
        {job && <RejectedRows job={job} />}
      </section>
    </div>
  );
}
