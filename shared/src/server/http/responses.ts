import type { ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER } from '../../logging/logger';

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

/** A refusal outside GraphQL execution, shaped as a GraphQL error body so clients parse one format. */
export const requestError = (
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  requestId: string,
  headers: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
) =>
  json(
    res,
    status,
    { errors: [{ message, extensions: { code, ...extensions } }] },
    { [REQUEST_ID_HEADER]: requestId, ...headers },
  );
