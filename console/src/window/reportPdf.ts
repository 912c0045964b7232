import { currentSession } from '../session/session';

/**
 * The report's PDF, fetched with the operator's token (the PDF route reads it as an official's).
 * pdfUrl carries PUBLIC_BASE_URL; the console asks its own origin (the same gateway) for that path.
 */
export async function fetchReportPdf(pdfUrl: string): Promise<Blob> {
  const r = await fetch(new URL(pdfUrl).pathname, {
    headers: { authorization: `Bearer ${currentSession()?.token ?? ''}` },
  });
  if (!r.ok) throw new Error(`PDF 获取失败（HTTP ${r.status}）`);
  return r.blob();
}

/** Hands the browser the PDF to save under the report's number. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The click has started the download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Opens the PDF in the browser's viewer, which prints it (the console's CSP allows no framed blob). */
export function openBlob(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
