// multipart/form-data for the one upload of the UI (profile import). No parser package is
// installed and the files are small JSON, so the body is read whole (bounded) and split
// by hand. Runs before csrfProtection, which then finds the _csrf field as usual.
import type { WebMiddleware } from './context.js';
import { fail } from './fail.js';

export const UPLOAD_LIMIT = 512 * 1024;

export interface UploadedFile {
  name: string;
  text: string;
}

/** The whole body, or undefined once it passes `limit` bytes (the caller answers 413). */
export async function readBody(stream: AsyncIterable<Buffer>, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Fields as strings; file parts under their field name as UploadedFile. */
export function parseMultipart(body: Buffer, boundary: string): Record<string, string | UploadedFile> {
  const out: Record<string, string | UploadedFile> = {};
  const parts = body.toString('utf8').split(`--${boundary}`);
  for (const part of parts.slice(1)) {
    if (part.startsWith('--')) break;
    const end = part.indexOf('\r\n\r\n');
    if (end === -1) continue;
    const head = part.slice(0, end);
    const value = part.slice(end + 4).replace(/\r\n$/, '');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (!name) continue;
    const fileName = /filename="([^"]*)"/i.exec(head)?.[1];
    out[name] = fileName === undefined ? value : { name: fileName, text: value };
  }
  return out;
}

export function multipartBody(): WebMiddleware {
  return async (ctx, next) => {
    const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(ctx.get('content-type'))?.[1];
    if (ctx.method === 'POST' && boundary) {
      const raw = await readBody(ctx.req, UPLOAD_LIMIT);
      if (!raw) fail(ctx, 413, ctx.state.t('profiles.import.tooLarge'));
      ctx.request.body = parseMultipart(raw, boundary);
    }
    await next();
  };
}
