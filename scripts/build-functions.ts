/**
 * Builds every cloud function into the folder WeChat deploys: `cloudfunctions/<name>/src/index.ts`
 * is bundled by esbuild into `cloudfunctions/<name>/index.js` (CommonJS, Node 16 — the cloud
 * runtime), with shared code from core/ and server/ inlined because WeChat uploads one folder per
 * function. Runtime packages that cannot be bundled stay external and must be declared in the
 * folder's package.json; its config.json (timeout, memory, timer triggers) must be valid.
 *
 *   npx tsx scripts/build-functions.ts            # all
 *   npx tsx scripts/build-functions.ts account    # some
 *   npx tsx scripts/build-functions.ts --force    # even when up to date
 *   npx tsx scripts/build-functions.ts --quiet    # no report (jest's global setup)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { readFunctionConfig } from '@server/config/function-config';

const ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');

/** Packages installed in the function's folder by WeChat at deploy time (native or the SDK itself). */
export const RUNTIME_EXTERNALS = ['wx-server-sdk', 'sharp', '@node-rs/jieba', 'exceljs'] as const;

export interface BuildOptions {
  quiet?: boolean;
  /** Only these functions (default: every folder with src/index.ts). */
  names?: readonly string[];
  /** Where the function folders are (default: cloudfunctions/). */
  dir?: string;
  /** Rebuild even when the bundle is newer than everything it was built from. */
  force?: boolean;
}

export interface BuiltFunction {
  name: string;
  outfile: string;
  bytes: number;
  ms: number;
  /** True when the bundle was already up to date and esbuild did not run. */
  cached: boolean;
}

/**
 * What the last build of a function read, so an unchanged function is not rebuilt (jest's global
 * setup calls this before every run). Kept under .tmp/, never in the deployable folder.
 */
interface BuildRecord {
  inputs: string[];
  externalsUsed: string[];
  builtAt: number;
}

const RECORD_DIR = path.join(ROOT, '.tmp', 'build-functions');

function recordFile(folder: string): string {
  const key = crypto.createHash('sha1').update(path.resolve(folder)).digest('hex').slice(0, 16);
  return path.join(RECORD_DIR, `${key}.json`);
}

function mtime(file: string): number | null {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** The record of the last build when the bundle is still newer than every input, else null. */
function upToDate(folder: string, outfile: string): BuildRecord | null {
  let record: BuildRecord;
  try {
    record = JSON.parse(fs.readFileSync(recordFile(folder), 'utf8')) as BuildRecord;
  } catch {
    return null;
  }
  const out = mtime(outfile);
  if (out === null || out < record.builtAt - 1) return null;
  const watched = [...record.inputs, path.join(folder, 'package.json'), path.join(folder, 'config.json'), __filename];
  for (const file of watched) {
    const m = mtime(file);
    // mtimes carry sub-millisecond fractions while builtAt is Date.now() (whole ms): a file written
    // in the same millisecond the build started must not look newer than the build.
    if (m === null || Math.floor(m) > record.builtAt) return null;
  }
  return record;
}

export class BuildError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`build-functions: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BuildError';
  }
}

/** Folders under `dir` that have a TypeScript entry. */
export function listFunctionSources(dir: string = FUNCTIONS_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'src', 'index.ts')))
    .map((e) => e.name)
    .sort();
}

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The package.json rules: runtime dependencies only, and every external the bundle needs declared. */
function checkPackageJson(name: string, folder: string, externalsUsed: ReadonlySet<string>): string[] {
  const file = path.join(folder, 'package.json');
  if (!fs.existsSync(file)) return [`${name}: package.json is missing (WeChat installs runtime dependencies from it)`];
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as PackageJson;
  } catch (err) {
    return [`${name}: package.json is not valid JSON (${(err as Error).message})`];
  }
  const problems: string[] = [];
  const deps = pkg.dependencies ?? {};
  if (pkg.devDependencies && Object.keys(pkg.devDependencies).length > 0) {
    problems.push(`${name}: package.json has devDependencies; a deployed function has runtime dependencies only`);
  }
  for (const dep of Object.keys(deps)) {
    if (!(RUNTIME_EXTERNALS as readonly string[]).includes(dep)) {
      problems.push(
        `${name}: package.json depends on ${dep}, which the bundle inlines; only ${RUNTIME_EXTERNALS.join(', ')} belong there`,
      );
    }
  }
  for (const used of externalsUsed) {
    if (!(used in deps)) problems.push(`${name}: the bundle requires ${used} but package.json does not declare it`);
  }
  if (!('wx-server-sdk' in deps)) problems.push(`${name}: package.json must declare wx-server-sdk`);
  return problems;
}

function externalsIn(meta: Metafile): Set<string> {
  const used = new Set<string>();
  for (const input of Object.values(meta.inputs)) {
    for (const imp of input.imports) {
      if (!imp.external) continue;
      const hit = RUNTIME_EXTERNALS.find((e) => imp.path === e || imp.path.startsWith(`${e}/`));
      if (hit) used.add(hit);
    }
  }
  return used;
}

export async function buildFunctions(opts: BuildOptions = {}): Promise<BuiltFunction[]> {
  const dir = opts.dir ?? FUNCTIONS_DIR;
  const available = listFunctionSources(dir);
  const names = opts.names ? [...opts.names] : available;
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length > 0)
    throw new BuildError(unknown.map((n) => `${n}: no ${path.join('cloudfunctions', n, 'src', 'index.ts')}`));

  const results = await Promise.all(
    names.map(async (name): Promise<{ built?: BuiltFunction; problems: string[] }> => {
      const folder = path.join(dir, name);
      const outfile = path.join(folder, 'index.js');
      const started = Date.now();
      const problems: string[] = [];
      const previous = opts.force ? null : upToDate(folder, outfile);
      try {
        readFunctionConfig(folder);
        if (!fs.existsSync(path.join(folder, 'config.json'))) problems.push(`${name}: config.json is missing`);
      } catch (err) {
        problems.push(`${name}: ${(err as Error).message}`);
      }
      if (previous) {
        problems.push(...checkPackageJson(name, folder, new Set(previous.externalsUsed)));
        const bytes = fs.statSync(outfile).size;
        return { built: { name, outfile, bytes, ms: Date.now() - started, cached: true }, problems };
      }
      let meta: Metafile;
      const buildStarted = Date.now();
      try {
        const result = await build({
          entryPoints: [path.join(folder, 'src', 'index.ts')],
          outfile,
          bundle: true,
          platform: 'node',
          target: 'node16',
          format: 'cjs',
          external: [...RUNTIME_EXTERNALS],
          tsconfig: path.join(ROOT, 'tsconfig.json'),
          // Metafile input paths are relative to this; the build record resolves them from ROOT.
          absWorkingDir: ROOT,
          sourcemap: 'linked',
          metafile: true,
          logLevel: 'silent',
          legalComments: 'none',
          banner: { js: `// Generated by scripts/build-functions.ts from cloudfunctions/${name}/src. Do not edit.` },
          write: false,
        });
        meta = result.metafile;
        // Write then rename: other test runs on the machine may be loading this bundle right now.
        for (const file of result.outputFiles) {
          const tmp = `${file.path}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, file.contents);
          fs.renameSync(tmp, file.path);
        }
      } catch (err) {
        const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] })
          .errors;
        const detail = errors
          ?.map((e) => (e.location ? `${e.location.file}:${e.location.line} ${e.text}` : e.text))
          .join('; ');
        return { problems: [...problems, `${name}: bundling failed: ${detail ?? (err as Error).message}`] };
      }
      const externalsUsed = externalsIn(meta);
      problems.push(...checkPackageJson(name, folder, externalsUsed));
      const record: BuildRecord = {
        inputs: Object.keys(meta.inputs).map((rel) => path.resolve(ROOT, rel)),
        externalsUsed: [...externalsUsed],
        // Inputs edited while esbuild ran count as newer than the build.
        builtAt: buildStarted,
      };
      fs.mkdirSync(RECORD_DIR, { recursive: true });
      fs.writeFileSync(recordFile(folder), JSON.stringify(record));
      const bytes = fs.statSync(outfile).size;
      return { built: { name, outfile, bytes, ms: Date.now() - started, cached: false }, problems };
    }),
  );

  const problems = results.flatMap((r) => r.problems);
  if (problems.length > 0) throw new BuildError(problems);
  const built = results.flatMap((r) => (r.built ? [r.built] : []));
  if (!opts.quiet) {
    if (built.length === 0) console.log('build-functions: no functions to build');
    for (const b of built) {
      const how = b.cached ? 'up to date' : `${b.ms} ms`;
      console.log(`build-functions: ${b.name.padEnd(10)} ${(b.bytes / 1024).toFixed(1).padStart(7)} KB  ${how}`);
    }
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  buildFunctions({
    names: names.length > 0 ? names : undefined,
    force: args.includes('--force'),
    quiet: args.includes('--quiet'),
  }).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
