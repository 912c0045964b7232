import { ApiError } from '../api/client';
import type { Session } from '../session/session';

/** What GET /imports/<id> answers (records/src/import/importJobs.ts: ImportJobView). */
export interface ImportJobView {
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

/** The gateway's file routes with the session's token; a refusal becomes an ApiError naming code and field. */
export async function fileCall(session: Session, path: string, init: RequestInit = {}): Promise<Response> {
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

export async function readJob(session: Session, id: string): Promise<ImportJobView> {
  return (await (await fileCall(session, `/imports/${id}`)).json()) as ImportJobView;
}

/** Saves a job's rejects file (it needs the bearer token, which a plain link cannot send). */
export async function downloadRejects(
  session: Session,
  job: { fileName: string; rejectsUrl: string | null },
): Promise<void> {
  if (!job.rejectsUrl) return;
  const res = await fileCall(session, job.rejectsUrl);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `退回行-${job.fileName.replace(/\.\w+$/, '')}${/\.\w+$/.exec(job.fileName)?.[0] ?? '.csv'}`;
  a.click();
  URL.revokeObjectURL(url);
}
