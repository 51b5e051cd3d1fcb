/** The object store's URLs under /files/: the SDK's signed PUT upload, and GET / HEAD downloads. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StoragePathError } from '../storage/file-store';
import type { ServerDeps } from './deps';
import { readBody, send } from './http-util';

export async function files(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  encoded: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  let cloudPath: string;
  try {
    cloudPath = decodeURIComponent(encoded);
  } catch {
    send(res, 400, 'bad path', { 'content-type': 'text/plain; charset=utf-8' });
    return;
  }
  const { storage } = deps;
  try {
    if (method === 'PUT') {
      const bytes = await readBody(req, deps.bodyLimits.files);
      const token = req.headers['x-cos-security-token'];
      const out = storage.acceptUpload(cloudPath, typeof token === 'string' ? token : undefined, bytes);
      send(res, out.status, out.body, { 'content-type': out.body ? 'application/xml' : 'text/plain' });
      return;
    }
    if (method === 'GET' || method === 'HEAD') {
      const file = storage.files.stat(cloudPath);
      if (!file) {
        send(res, 404, 'not found', { 'content-type': 'text/plain; charset=utf-8' });
        return;
      }
      const body = storage.files.read(cloudPath) ?? Buffer.alloc(0);
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.size });
      res.end(method === 'HEAD' ? undefined : body);
      return;
    }
  } catch (err) {
    if (err instanceof StoragePathError) {
      send(res, 400, err.message, { 'content-type': 'text/plain; charset=utf-8' });
      return;
    }
    throw err;
  }
  send(res, 405, 'method not allowed', { 'content-type': 'text/plain; charset=utf-8' });
}
