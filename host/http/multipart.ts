/**
 * A binary-safe multipart/form-data parser for a fully buffered body. The SDK's `wx.openApi` call
 * sends its protobuf `requestData` as a part without a filename, which the platform's
 * `Response.formData()` would decode as UTF-8 text and corrupt, so parts are kept as bytes.
 */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {
  constructor(message: string) {
    super(`multipart: ${message}`);
    this.name = 'MultipartError';
  }
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function parseMultipart(body: Buffer, contentType: string): Map<string, MultipartPart> {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new MultipartError('no boundary in content-type');
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.concat([CRLF, delimiter]);
  const parts = new Map<string, MultipartPart>();
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('boundary not found');
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw new MultipartError('malformed delimiter line');
    pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0) throw new MultipartError('truncated part headers');
    const headers = new Map<string, string>();
    for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    const next = body.indexOf(between, headerEnd + HEADER_END.length);
    if (next < 0) throw new MultipartError('unterminated part');
    const disposition = headers.get('content-disposition') ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name !== undefined) {
      const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
      const type = headers.get('content-type');
      parts.set(name, {
        name,
        ...(filename !== undefined ? { filename } : {}),
        ...(type !== undefined ? { contentType: type } : {}),
        data: Buffer.from(body.subarray(headerEnd + HEADER_END.length, next)),
      });
    }
    pos = next + CRLF.length;
  }
  return parts;
}
