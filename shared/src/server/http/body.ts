import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestError } from './responses';

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        // Answer 413 and drop the rest unread (the response closes the connection): destroying
        // the request here would reset the connection before the client reads the answer.
        over = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The body of a GraphQL request: undefined for a GET, parsed JSON for a JSON POST, the text
 * otherwise. Answers 413 (too large) or 400 (invalid JSON) itself and then returns `{ answered }`.
 */
export async function readGraphQLBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBody: number,
  requestId: string,
): Promise<{ body: unknown } | { answered: true }> {
  if (req.method !== 'POST') return { body: undefined };
  let text: string;
  try {
    text = await readBody(req, maxBody);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      requestError(res, 413, 'PAYLOAD_TOO_LARGE', `request body exceeds ${maxBody} bytes`, requestId, {
        connection: 'close',
      });
      return { answered: true };
    }
    throw err;
  }
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/json') && !type.startsWith('application/graphql-response+json')) {
    return { body: text };
  }
  try {
    return { body: JSON.parse(text) };
  } catch {
    requestError(res, 400, 'BAD_REQUEST', 'request body is not valid JSON', requestId);
    return { answered: true };
  }
}
