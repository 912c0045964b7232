/**
 * A URL path (or part of one) with its percent-escapes decoded, or undefined when an escape is
 * malformed (`/guides/%`): a route answers that as a bad address of its own, never as a server error.
 */
export function decodePath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
