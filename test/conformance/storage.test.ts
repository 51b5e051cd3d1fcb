/** Cloud storage through the real wx-server-sdk: upload, temp URL, download, delete. */
import fs from 'node:fs';
import path from 'node:path';
import { startTestCloud, type TestCloud } from './support';

/** The part of wx-server-sdk used here, typed by promise (its own typings mix in callback overloads). */
interface StorageSdk {
  init(opts: { env: string }): void;
  uploadFile(opts: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(opts: {
    fileList: string[];
  }): Promise<{ fileList: { fileID: string; status: number; tempFileURL: string }[] }>;
  downloadFile(opts: { fileID: string }): Promise<{ fileContent: Buffer }>;
  deleteFile(opts: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number }[] }>;
}

let t: TestCloud;
let sdk: StorageSdk;
const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

beforeAll(async () => {
  t = await startTestCloud();
  // A plain script on the machine: the SDK pointed at the local cloud by environment only.
  Object.assign(process.env, t.cloud.sdkEnv(), { SILENCE: 'true' });
  sdk = (await import('wx-server-sdk')) as unknown as StorageSdk;
  sdk.init({ env: t.cloud.envId });
});
afterAll(async () => {
  await t.dispose();
});

const inFunction = (event: Record<string, unknown>) => t.cloud.invoke('files', event, { openid: 'o-files' });

test('uploads from a function and stores the bytes under the data directory', async () => {
  const up = (await inFunction({ op: 'upload', cloudPath: 'notes/hello.txt', text: '你好，文件' })) as {
    fileID: string;
  };
  expect(up.fileID).toMatch(new RegExp(`^cloud://${t.cloud.envId}\\.[^/]+/notes/hello\\.txt$`));
  expect(fs.readFileSync(path.join(t.cloud.dataDir, 'files', 'notes', 'hello.txt'), 'utf8')).toBe('你好，文件');
  const down = (await inFunction({ op: 'download', fileID: up.fileID })) as { text: string };
  expect(down.text).toBe('你好，文件');
});

test('serves a temp URL over HTTP with the content type of its extension', async () => {
  const { fileID } = await sdk.uploadFile({ cloudPath: 'img/a.png', fileContent: PNG_BYTES });
  const { fileList } = await sdk.getTempFileURL({ fileList: [fileID] });
  const entry = fileList[0];
  if (!entry) throw new Error('no entry');
  expect(entry.status).toBe(0);
  expect(entry.tempFileURL.startsWith(t.cloud.url)).toBe(true);
  const res = await fetch(entry.tempFileURL);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  // No CORS for a script: only the local cloud's own page and allowed origins get it.
  expect(res.headers.get('access-control-allow-origin')).toBeNull();
  expect(Buffer.from(await res.arrayBuffer()).equals(PNG_BYTES)).toBe(true);
  const head = await fetch(entry.tempFileURL, { method: 'HEAD' });
  expect(head.headers.get('content-length')).toBe(String(PNG_BYTES.length));
});

test('downloads bytes unchanged through downloadFile', async () => {
  const bytes = Buffer.from(Array.from({ length: 2048 }, (_, i) => i % 256));
  const { fileID } = await sdk.uploadFile({ cloudPath: 'bin/all-bytes.bin', fileContent: bytes });
  const { fileContent } = await sdk.downloadFile({ fileID });
  expect(Buffer.compare(fileContent, bytes)).toBe(0);
});

test('deletes a file, after which its URL and download report it missing', async () => {
  const { fileID } = await sdk.uploadFile({ cloudPath: 'tmp/gone.txt', fileContent: Buffer.from('x') });
  const del = await sdk.deleteFile({ fileList: [fileID, `${fileID}-never-existed`] });
  expect(del.fileList.map((f) => f.status)).toEqual([0, -503003]);
  const { fileList } = await sdk.getTempFileURL({ fileList: [fileID] });
  expect(fileList[0]).toMatchObject({ status: -503003, tempFileURL: '' });
  // The SDK rethrows a missing file as errCode -1 with the platform code kept in `code`.
  await expect(sdk.downloadFile({ fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  expect((await fetch(`${t.cloud.url}/files/tmp/gone.txt`)).status).toBe(404);
});

test('refuses cloud paths that would leave the storage folder', async () => {
  const outside = path.join(t.cloud.dataDir, 'escaped.txt');
  for (const cloudPath of ['../escaped.txt', 'a/../../escaped.txt', '/abs.txt', 'a\\..\\b.txt']) {
    const r = (await inFunction({ op: 'upload', cloudPath, text: 'x' })) as { errCode?: number; errMsg?: string };
    expect(r.errMsg).toMatch(/^uploadFile:fail cloudPath/);
  }
  expect(fs.existsSync(outside)).toBe(false);
  const probe = await fetch(`${t.cloud.url}/files/..%2F..%2F..%2Fetc%2Fpasswd`);
  expect(probe.status).toBe(400);
  expect(await probe.text()).not.toContain('root:');
});

test('refuses an upload PUT that getUploadMetadata did not sign', async () => {
  const res = await fetch(`${t.cloud.url}/files/forged.txt`, { method: 'PUT', body: 'forged' });
  expect(res.status).toBe(403);
  expect(await res.text()).toContain('<Code>AccessDenied</Code>');
  expect(fs.existsSync(path.join(t.cloud.dataDir, 'files', 'forged.txt'))).toBe(false);
});
