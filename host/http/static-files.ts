/**
 * The built H5 app, served from its folder with a single-page-app fallback: a GET for a path
 * that is not a file answers index.html, so client-side routes survive a reload.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import mime from 'mime-types';
import { send } from './http-util';

export class StaticSite {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** True when a build is there to serve. */
  available(): boolean {
    return fs.existsSync(path.join(this.root, 'index.html'));
  }

  /** Answers a GET/HEAD; returns false when there is no build (the caller answers 404). */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    if (!this.available()) return false;
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      rel = '/';
    }
    const abs = path.resolve(this.root, `.${rel}`);
    const inside = abs === this.root || abs.startsWith(this.root + path.sep);
    let file = inside && fs.existsSync(abs) && fs.statSync(abs).isFile() ? abs : null;
    // Asset requests (with an extension) that miss are real 404s; routes fall back to the app.
    if (!file && !path.extname(rel)) file = path.join(this.root, 'index.html');
    if (!file) {
      send(res, 404, 'not found', { 'content-type': 'text/plain; charset=utf-8' });
      return true;
    }
    const body = fs.readFileSync(file);
    const type = mime.contentType(path.extname(file)) || 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
}
