// /static/*: our stylesheet from public/ and htmx from node_modules (no CDN: the
// appliance may have no Internet access). The files are listed once at start, and only
// those names are served, so no path from the request ever reaches the file system.
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { WebMiddleware } from '../context.js';

const PREFIX = '/static/';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function htmxScriptPath(): string {
  return createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js');
}

/** name under /static/ → absolute path, for the files of publicDir (recursively) and htmx. */
function listFiles(publicDir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile() && TYPES[path.extname(entry.name)]) files.set(`${prefix}${entry.name}`, full);
    }
  };
  walk(publicDir, '');
  files.set('htmx.min.js', htmxScriptPath());
  return files;
}

export function staticFiles(publicDir: string): WebMiddleware {
  const files = listFiles(publicDir);
  return async (ctx, next) => {
    if (!ctx.path.startsWith(PREFIX) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const file = files.get(ctx.path.slice(PREFIX.length));
    if (!file) return next();
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return next();
    ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    ctx.length = stat.size;
    ctx.lastModified = stat.mtime;
    // Short: an upgrade changes the files under the same names.
    ctx.set('Cache-Control', 'public, max-age=300');
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    if (ctx.method === 'HEAD') ctx.status = 200;
    else ctx.body = createReadStream(file);
  };
}
