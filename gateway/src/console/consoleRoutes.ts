import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { decodePath, type RouteHandler } from '@credit/shared';

/** The console's build output (`pnpm build` runs `vite build` in console/), beside gateway/ in the checkout. */
/**
 * The console's pages are paths under these prefixes (console/src/routes.ts), routed in the browser: a
 * reload or a shared link of any of them gets index.html. `/console/*` is the old prefix, kept for links.
 */
export const CONSOLE_AREAS = [
  '/portal',
  '/desk',
  '/oversight',
  '/admin',
  '/window',
  '/kiosk',
  '/partner',
  '/public',
  '/console',
];

export const DEFAULT_CONSOLE_DIR = resolve(__dirname, '../../../console/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

// Everything the pages load comes from this origin: no CDN, no inline script. Monaco (GraphiQL)
// starts its language workers from blob: URLs and sets inline styles, as ECharts does.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "worker-src 'self' blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

const PAGE_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The HTML names hashed assets: it must be revalidated, the assets never change.
  'cache-control': 'no-cache',
};

const MISSING = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>控制台未构建</title>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto;line-height:1.6">
<h1>控制台未构建 (console not built)</h1>
<p>The gateway is running and <code>/graphql</code> answers, but the web console's build output was not found
(<code>console/dist</code>). Run <code>pnpm build</code> (it runs <code>vite build</code> in <code>console/</code>) and reload.</p>
</body></html>`;

function send(res: ServerResponse, status: number, body: Buffer | string, type: string, headers = {}) {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * The reference console as static files: `/` (the console's pages route on the client), `/graphiql`
 * (the bundled GraphiQL IDE) and `/assets/*`. Without a build the gateway still serves GraphQL and
 * `/` explains what to run.
 */
export function consoleRoutes(dir = DEFAULT_CONSOLE_DIR): Record<string, RouteHandler> {
  const root = resolve(dir);
  const page =
    (file: string): RouteHandler =>
    (_req, res) => {
      const path = join(root, file);
      if (!existsSync(path)) return send(res, 503, MISSING, TYPES['.html'], { 'cache-control': 'no-cache' });
      send(res, 200, readFileSync(path), TYPES['.html'], PAGE_HEADERS);
    };
  const asset: RouteHandler = (req, res) => {
    const pathname = decodePath(new URL(req.url ?? '/', 'http://localhost').pathname);
    const path = pathname === undefined ? '' : normalize(join(root, pathname));
    if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) {
      return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    }
    send(res, 200, readFileSync(path), TYPES[extname(path)] ?? 'application/octet-stream', {
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
  };
  const index = page('index.html');
  const pages = Object.fromEntries(
    CONSOLE_AREAS.flatMap((area) => [
      [area, index],
      [`${area}/*`, index],
    ]),
  );
  return {
    '/': index,
    ...pages,
    '/graphiql': page('graphiql.html'),
    '/assets/*': asset,
    '/favicon.svg': asset,
  };
}
