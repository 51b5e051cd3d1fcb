/**
 * After `npm run build:weapp`: prints the weapp main package size (dist/ minus subpackage roots and
 * the H5 app that shares the folder) and the total, and fails when the main package reaches
 * WeChat's 2 MB limit or when the H5-only demo sign-in page leaked into the mini-program.
 *
 *   npm run check:size            (reads dist/)
 *   npm run check:size -- <dir>   (another weapp output folder)
 */
import fs from 'node:fs';
import path from 'node:path';

export const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
/** The H5 build writes here inside dist/; WeChat DevTools leaves it out of the upload only if told to. */
const H5_FOLDER = 'h5';
/** The project's DevTools config, whose packOptions.ignore must name the H5 folder. */
const PROJECT_CONFIG = path.resolve(__dirname, '..', 'project.config.json');

/** The folders of the mini-program root that DevTools leaves out of the upload (packOptions.ignore). */
function uploadIgnoredFolders(projectConfigPath: string): string[] {
  if (!fs.existsSync(projectConfigPath)) return [];
  const config = JSON.parse(fs.readFileSync(projectConfigPath, 'utf8')) as {
    packOptions?: { ignore?: Array<{ type?: string; value?: string }> };
  };
  return (config.packOptions?.ignore ?? [])
    .filter((rule) => rule.type === 'folder' && typeof rule.value === 'string')
    .map((rule) => rule.value!.replace(/^\/+|\/+$/g, ''));
}
/** Strings that exist only in the H5 sign-in and inbox pages and their routes. */
const DEV_ONLY_MARKERS = ['dev-login', '选择演示身份', '/dev/users', 'dev-inbox', '/dev/inbox'];

export interface SizeReport {
  mainBytes: number;
  totalBytes: number;
  subpackages: Array<{ root: string; bytes: number }>;
  leaks: Array<{ file: string; marker: string }>;
  problems: string[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function subpackageRoots(appJson: unknown): string[] {
  const { subPackages, subpackages } = (appJson ?? {}) as {
    subPackages?: Array<{ root?: string }>;
    subpackages?: Array<{ root?: string }>;
  };
  return (subPackages ?? subpackages ?? []).map((p) => (p.root ?? '').replace(/^\/+|\/+$/g, '')).filter(Boolean);
}

/**
 * The sizes of the weapp output in distDir. The H5 app in distDir/h5 is left out only when the
 * project's config (projectConfigPath) keeps it out of the upload; otherwise it counts, as DevTools
 * would upload it with the main package.
 */
export function measureWeapp(distDir: string, projectConfigPath = PROJECT_CONFIG): SizeReport {
  const appJsonPath = path.join(distDir, 'app.json');
  if (!fs.existsSync(appJsonPath)) {
    throw new Error(`${appJsonPath} not found: run npm run build:weapp first`);
  }
  const appJson: unknown = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'));
  const roots = subpackageRoots(appJson);
  const problems: string[] = [];
  const leaks: SizeReport['leaks'] = [];
  const subpackages = roots.map((root) => ({ root, bytes: 0 }));
  let mainBytes = 0;
  const h5Ignored = uploadIgnoredFolders(projectConfigPath).includes(H5_FOLDER);

  for (const file of walk(distDir)) {
    const rel = path.relative(distDir, file).split(path.sep).join('/');
    if (h5Ignored && (rel === H5_FOLDER || rel.startsWith(`${H5_FOLDER}/`))) continue;
    const bytes = fs.statSync(file).size;
    const sub = subpackages.find((p) => rel === p.root || rel.startsWith(`${p.root}/`));
    if (sub) sub.bytes += bytes;
    else mainBytes += bytes;
    if (/\.(js|json|wxml|wxss|wxs)$/.test(rel)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const marker of DEV_ONLY_MARKERS) if (text.includes(marker)) leaks.push({ file: rel, marker });
    }
  }

  const pages = ((appJson as { pages?: string[] }).pages ?? []).filter(
    (p) => p.includes('dev-login') || p.includes('dev-inbox'),
  );
  for (const page of pages) leaks.push({ file: 'app.json', marker: page });
  if (mainBytes >= MAIN_PACKAGE_LIMIT) {
    problems.push(`main package ${kb(mainBytes)} reaches WeChat's limit of ${kb(MAIN_PACKAGE_LIMIT)}`);
  }
  for (const leak of leaks) problems.push(`H5-only sign-in code in weapp output: "${leak.marker}" in ${leak.file}`);
  const totalBytes = mainBytes + subpackages.reduce((sum, p) => sum + p.bytes, 0);
  return { mainBytes, totalBytes, subpackages, leaks, problems };
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function main(): void {
  const distDir = path.resolve(process.argv[2] ?? 'dist');
  const report = measureWeapp(distDir);
  console.log(`weapp main package: ${kb(report.mainBytes)} (limit ${kb(MAIN_PACKAGE_LIMIT)})`);
  for (const sub of report.subpackages) console.log(`weapp subpackage ${sub.root}/: ${kb(sub.bytes)}`);
  console.log(`weapp total: ${kb(report.totalBytes)}`);
  console.log(`H5-only sign-in page in weapp: ${report.leaks.length === 0 ? 'absent' : 'PRESENT'}`);
  if (report.problems.length > 0) {
    for (const problem of report.problems) console.error(`check:size FAILED: ${problem}`);
    process.exitCode = 1;
  }
}

// Run as a script (tsx scripts/check-size.ts), not when a test imports it.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) main();
