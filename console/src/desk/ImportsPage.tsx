import { useEffect, useState } from 'react';
import { ApiError, call, describeError } from '../api/client';
import { fmtTime, IMPORT_STATUS, term } from '../api/terms';
import { Notice } from '../components/Status';
import { DeskImportsDocument, type DeskImportsQuery } from '../graphql/generated/operations';
import { Link } from '../router/Link';
import type { Session } from '../session/session';
import { downloadRejects, readJob, type ImportJobView } from './importFiles';
import { RejectedRows } from './RejectedRows';
import { verdictSummary } from './UploadPage';

type Job = DeskImportsQuery['importJobs'][number];

/** The unit's last uploads with their verdicts; the rejects of each, shown and downloaded. */
export function ImportsPage({ session }: { session: Session }) {
  const [jobs, setJobs] = useState<Job[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(DeskImportsDocument, {}).then(
      (r) => setJobs(r.importJobs),
      (e) => setError(describeError(e)),
    );
  }, []);
  return (
    <div className="page">
      <h1>导入记录</h1>
      <p className="muted">
        本单位最近 10 次上传的文件及其归集结果；退回的行可查看、可下载，改正后<Link to="/desk/upload">重新上传</Link>。
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      {jobs && jobs.length === 0 && <p>尚未上传文件。</p>}
      <ul className="objections" data-testid="imports">
        {jobs?.map((j) => (
          <ImportItem key={j.id} job={j} session={session} />
        ))}
      </ul>
    </div>
  );
}

function ImportItem({ job, session }: { job: Job; session: Session }) {
  const [detail, setDetail] = useState<ImportJobView>();
  const [error, setError] = useState<string>();
  const fail = (e: unknown) => setError(describeError(e));
  return (
    <li className="objection" data-testid="import-job">
      <div className="record-head">
        <strong>{job.fileName}</strong>
        <span className={`tag${job.status === 'FAILED' ? ' tag-warn' : ''}`}>{term(IMPORT_STATUS, job.status)}</span>
      </div>
      <div className="muted">
        上传于 {fmtTime(job.startedAt)}
        {job.finishedAt ? ` · 完成于 ${fmtTime(job.finishedAt)}` : ''} · 共 {job.total} 行
      </div>
      <div>{verdictSummary(job) || '没有归集的行'}</div>
      {job.errorCode && (
        <Notice kind="error">{describeError(new ApiError('归集中止，请重新上传该文件', job.errorCode))}</Notice>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {job.rejectsUrl && (
        <div className="actions">
          {!detail && (
            <button type="button" className="secondary" onClick={() => readJob(session, job.id).then(setDetail, fail)}>
              查看退回行（{job.rejected}）
            </button>
          )}
          <button type="button" className="secondary" onClick={() => downloadRejects(session, job).catch(fail)}>
            下载退回行 {job.fileName}
          </button>
        </div>
      )}
      {detail && <RejectedRows job={detail} />}
    </li>
  );
}
