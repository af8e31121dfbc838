import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import serveStatic from 'serve-static';

/** Where `npm run build -w @stepwise/chat` puts the built UI. */
export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../chat/dist');

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Stepwise</title>
<body style="font-family:system-ui;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5">
<h1>The chat UI is not built yet</h1><p>Run <code>npm run build -w @stepwise/chat</code> (or start with <code>npm start</code>, which builds it), then reload.
The API is up: <a href="/healthz">/healthz</a>.</p></body></html>`;

/**
 * Serves the built chat app: hashed assets cached for a year, index.html never cached, and every
 * other path answered with index.html so deep links (/executions/<id>) work after a reload.
 * Files are looked up per request, so a rebuild is picked up without a restart (and never crashes it).
 */
export function createWebHandler(dir = WEB_DIR): (req: IncomingMessage, res: ServerResponse) => void {
  const assets = serveStatic(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, file) => {
      const hashed = path.relative(dir, file).startsWith(`assets${path.sep}`);
      res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
  const app = (res: ServerResponse) =>
    readFile(path.join(dir, 'index.html')).then(
      (html) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }).end(html),
      () => res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(NOT_BUILT),
    );
  return (req, res) =>
    assets(req, res, (error?: unknown) => {
      if (error) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
      // A missing hashed asset is a stale page asking for an old build: 404, not the app.
      if (req.url?.startsWith('/assets/')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      void app(res);
    });
}
