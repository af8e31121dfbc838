import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebHandler } from './web';

let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function serve(files: Record<string, string>) {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stepwise-web-'));
  for (const [name, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), body);
  }
  const handler = createWebHandler(dir);
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('serving the built chat app', () => {
  it('serves hashed assets for a year, the app for any page, and 404 for a missing asset', async () => {
    const url = await serve({ 'index.html': '<div id="root"></div>', 'assets/app-abc.js': 'console.log(1)' });
    const asset = await fetch(`${url}/assets/app-abc.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const page = await fetch(`${url}/executions/123`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toBe('<div id="root"></div>');
    expect((await fetch(`${url}/assets/gone-123.js`)).status).toBe(404);
    expect((await fetch(`${url}/..%2f..%2fetc%2fpasswd`)).status).not.toBe(500);
  });

  it('picks up a rebuild without a restart and answers 503 in words while index.html is missing', async () => {
    const url = await serve({ 'index.html': 'v1' });
    expect(await (await fetch(`${url}/`)).text()).toBe('v1');
    await rm(path.join(dir!, 'index.html'));
    const missing = await fetch(`${url}/chat`);
    expect(missing.status).toBe(503);
    expect(await missing.text()).toContain('not built yet');
    await writeFile(path.join(dir!, 'index.html'), 'v2');
    await mkdir(path.join(dir!, 'assets'));
    await writeFile(path.join(dir!, 'assets/new-1.js'), 'x');
    expect(await (await fetch(`${url}/chat`)).text()).toBe('v2');
    expect((await fetch(`${url}/assets/new-1.js`)).status).toBe(200);
  });
});
