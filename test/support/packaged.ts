// The app as electron-builder packs it, laid out in a folder by electron-builder's own file matchers (the ones its
// packager calls) from electron-builder.yml read with its own YAML parser: `files` into <out>/resources/app (the
// folder the packager turns into app.asar), `extraResources` into <out>/resources (process.resourcesPath), and the
// production dependencies with theirs into <out>/resources/app/node_modules. Nothing else (docs/build.md).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from './host';

const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));

type Filter = (file: string, stat: fs.Stats) => boolean;
interface Matcher {
  readonly from: string;
  readonly to: string;
  readonly patterns: readonly string[];
  createFilter(): Filter;
}
interface MatcherOptions {
  macroExpander: (pattern: string) => string;
  customBuildOptions: object;
  globalOutDir: string;
  defaultSrc: string;
}
/** app-builder-lib/out/fileMatcher: getMainFileMatchers and copyFiles are internal (absent from its typings). */
interface FileMatchers {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformOptions: object,
    platformPackager: {
      info: {
        projectDir: string;
        buildResourcesDir: string;
        isPrepackedAppAsar: boolean;
        config: object;
        debugLogger: { isEnabled: boolean };
      };
    },
    outDir: string,
    isElectronCompile: boolean,
  ): Matcher[];
  getFileMatchers(
    config: object,
    name: 'extraResources',
    destination: string,
    options: MatcherOptions,
  ): Matcher[] | null;
  copyFiles(matchers: Matcher[], transformer: null, isUseHardLink: boolean): Promise<unknown>;
}
const fileMatchers = builderRequire('app-builder-lib/out/fileMatcher') as FileMatchers;
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };

/** The part of electron-builder.yml the layout depends on; the rest passes through to electron-builder's matchers. */
const BuilderConfig = z.looseObject({
  directories: z.object({ output: z.string(), buildResources: z.string() }),
  files: z.array(z.string()),
  extraResources: z.array(z.object({ from: z.string(), to: z.string(), filter: z.array(z.string()) })),
  asar: z.boolean(),
});
export type BuilderConfig = z.infer<typeof BuilderConfig>;

export function builderConfig(file = path.join(ROOT, 'electron-builder.yml')): BuilderConfig {
  return BuilderConfig.parse(yaml.load(fs.readFileSync(file, 'utf8')));
}

const same = (pattern: string) => pattern;

/** The `files` matcher with the packager's defaults (node_modules, the output and build-resources folders, junk). */
export function appMatchers(config: BuilderConfig, appDir: string): Matcher[] {
  const info = {
    projectDir: ROOT,
    buildResourcesDir: config.directories.buildResources,
    isPrepackedAppAsar: false,
    config,
    debugLogger: { isEnabled: false },
  };
  return fileMatchers.getMainFileMatchers(
    ROOT,
    appDir,
    same,
    {},
    { info },
    path.join(ROOT, config.directories.output),
    false,
  );
}

export function resourceMatchers(config: BuilderConfig, resourcesDir: string): Matcher[] {
  const options = {
    macroExpander: same,
    customBuildOptions: {},
    globalOutDir: path.join(ROOT, config.directories.output),
    defaultSrc: ROOT,
  };
  return fileMatchers.getFileMatchers(config, 'extraResources', resourcesDir, options) ?? [];
}

/**
 * Where the packager puts a file of the repo (a path relative to ROOT, built or not): relative to the installed
 * app's folder (resources/app/… inside the asar, resources/… for extraResources), or null when it leaves it out.
 */
export function packagedPath(config: BuilderConfig, file: string): string | null {
  const abs = path.join(ROOT, file);
  const base = path.resolve(path.sep, 'installed');
  const resourcesDir = path.join(base, 'resources');
  // The packager's filters ask only whether a path is a folder: stand-ins answer that for files not built yet.
  const folder = fs.statSync(ROOT);
  const plain = fs.statSync(path.join(ROOT, 'package.json'));
  for (const m of [...appMatchers(config, path.join(resourcesDir, 'app')), ...resourceMatchers(config, resourcesDir)]) {
    const rel = path.relative(m.from, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    // Its walk asks every folder on the way down before the file itself.
    const filter = m.createFilter();
    const parts = rel.split(path.sep);
    const admitted = parts.every((_, i) =>
      filter(path.join(m.from, ...parts.slice(0, i + 1)), i === parts.length - 1 ? plain : folder),
    );
    if (admitted)
      return path
        .relative(base, path.join(m.to, ...parts))
        .split(path.sep)
        .join('/');
  }
  return null;
}

function resolvePackage(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The production dependencies and theirs, resolved as Node resolves them, as top-level package names: what
 * electron-builder's module collector gathers (devDependencies never). A nested copy lives inside its top-level
 * package's folder, so it comes along with it.
 */
export function productionPackages(): string[] {
  const top = new Set<string>();
  const seen = new Set<string>();
  const modules = path.join(ROOT, 'node_modules');
  const walk = (dir: string) => {
    const pkg = z
      .looseObject({
        dependencies: z.record(z.string(), z.string()).optional(),
        optionalDependencies: z.record(z.string(), z.string()).optional(),
      })
      .parse(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')));
    const optional = pkg.optionalDependencies ?? {};
    for (const name of Object.keys({ ...pkg.dependencies, ...optional })) {
      const found = resolvePackage(name, dir);
      if (!found) {
        if (name in optional) continue;
        throw new Error(`${name} (needed by ${path.relative(ROOT, dir) || 'the app'}) is not installed`);
      }
      const real = fs.realpathSync(found);
      if (seen.has(real)) continue;
      seen.add(real);
      const rel = path.relative(fs.realpathSync(modules), real).split(path.sep);
      top.add(rel[0]!.startsWith('@') ? `${rel[0]}/${rel[1]}` : rel[0]!);
      walk(found);
    }
  };
  walk(ROOT);
  return [...top].sort();
}

export interface PackagedApp {
  /** What process.resourcesPath is to the packaged app. */
  resourcesDir: string;
  /** The app itself (app.asar, unpacked). */
  appDir: string;
  hostJs: string;
  /**
   * node_modules holds links to the installed packages; Node's --preserve-symlinks makes them resolve their own
   * dependencies inside the app's node_modules, as real copies would, so one left out is missing.
   */
  nodeArgs: string[];
}

export async function layOutApp(out: string): Promise<PackagedApp> {
  const config = builderConfig();
  const resourcesDir = path.join(out, 'resources');
  const appDir = path.join(resourcesDir, 'app');
  await fileMatchers.copyFiles(appMatchers(config, appDir), null, false);
  await fileMatchers.copyFiles(resourceMatchers(config, resourcesDir), null, false);
  for (const name of productionPackages()) {
    const link = path.join(appDir, 'node_modules', name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules', name)), link, 'dir');
  }
  return { resourcesDir, appDir, hostJs: path.join(appDir, 'dist', 'host.cjs'), nodeArgs: ['--preserve-symlinks'] };
}

/** Every file under a folder, relative to it, with forward slashes; links are listed, not followed. */
export function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
