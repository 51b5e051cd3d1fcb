import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAIN_PACKAGE_LIMIT, measureWeapp } from './check-size';

function fakeDist(files: Record<string, string | number>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-size-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, typeof content === 'number' ? Buffer.alloc(content, 97) : content);
  }
  return dir;
}

const appJson = JSON.stringify({
  pages: ['pages/index/index'],
  subPackages: [{ root: 'console', pages: ['pages/home/index'] }],
});

describe('check-size', () => {
  it('counts subpackages apart from the main package and ignores the H5 app in dist/h5', () => {
    const dir = fakeDist({
      'app.json': appJson,
      'app.js': 1000,
      'console/pages/home/index.js': 500,
      'h5/js/app.js': 9_000_000,
    });
    const report = measureWeapp(dir);
    expect(report.mainBytes).toBe(1000 + appJson.length);
    expect(report.subpackages).toEqual([{ root: 'console', bytes: 500 }]);
    expect(report.totalBytes).toBe(1500 + appJson.length);
    expect(report.problems).toEqual([]);
  });

  it('counts dist/h5 in the main package when the project config does not keep it out of the upload', () => {
    const dir = fakeDist({
      'app.json': appJson,
      'app.js': 1000,
      'h5/js/app.js': 3_000_000,
      'project.config.json': JSON.stringify({ miniprogramRoot: 'dist/', packOptions: { ignore: [] } }),
    });
    const report = measureWeapp(dir, path.join(dir, 'project.config.json'));
    expect(report.mainBytes).toBeGreaterThan(3_000_000);
    expect(report.problems).toEqual([expect.stringContaining('main package')]);
  });

  it("reads the repository's project config, which keeps dist/h5 out of the upload", () => {
    const config = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'project.config.json'), 'utf8')) as {
      packOptions: { ignore: Array<{ type: string; value: string }> };
    };
    expect(config.packOptions.ignore).toContainEqual({ type: 'folder', value: 'h5' });
  });

  it('fails when the main package reaches 2 MB', () => {
    const dir = fakeDist({ 'app.json': appJson, 'vendors.js': MAIN_PACKAGE_LIMIT });
    expect(measureWeapp(dir).problems).toEqual([expect.stringContaining('main package')]);
  });

  it('fails when the H5 sign-in page leaks into the weapp output', () => {
    const dir = fakeDist({ 'app.json': appJson, 'common.js': 'reLaunch({url:"/pages/dev-login/index"})' });
    const report = measureWeapp(dir);
    expect(report.leaks).toEqual([{ file: 'common.js', marker: 'dev-login' }]);
    expect(report.problems).toHaveLength(1);
  });
});
