import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** Where `npm run build -w @stepwise/chat` puts the built UI. */
export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../chat/dist');

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Stepwise</title>
<body style="font-family:system-ui;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5">
<h1>The chat UI is not built yet</h1><p>Run <code>npm run build -w @stepwise/chat</code> (or start with <code>npm start</code>, which builds it), then reload.
The API is up: <a href="/healthz">/healthz</a>.</p></body></html>`;

/**
 * Serves the built chat app: hashed assets cached for a year, index.html never cached, and every
 * other path answered with index.html so deep links (/executions/<id>) work after a reload.
 */
export function createWebHandler(dir = WEB_DIR): (req: IncomingMessage, res: ServerResponse) => void {
  if (!existsSync(path.join(dir, 'index.html'))) {
    return (_req, res) => void res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(NOT_BUILT);
  }
  const serve = sirv(dir, {
    single: true,
    dev: false,
    setHeaders: (res, pathname) => {
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
  return (req, res) => serve(req, res, () => void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'));
}
