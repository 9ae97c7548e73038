// What the built code opens at run time, against what electron-builder.yml packs. electron/build.mjs builds the
// bundles into a temp folder; every use of __dirname in them is accounted for, each file they open beside
// themselves is built there and carried by `files`, the font by `extraResources` to where the packaged main
// process looks (process.resourcesPath), and the shipped defaults travel inside the bundles.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FONT_FILE } from '../../electron/resources';
import { tempDir } from '../support/backend';
import { ROOT } from '../support/host';
import { builderConfig, filesUnder, packagedPath, productionPackages } from '../support/packaged';

const BUNDLES = ['host.cjs', 'main.cjs', 'preload.cjs', 'display-preload.cjs'];
const out = tempDir('carddesk-bundles-');
const hqOut = path.join(out, 'hq');
const code = new Map<string, string>();

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'electron', 'build.mjs'), '--outdir', out], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(ROOT, 'hq', 'build.mjs'), '--outdir', hqOut], { stdio: 'inherit' });
  for (const b of BUNDLES) code.set(b, fs.readFileSync(path.join(out, b), 'utf8'));
}, 120_000);

/** The ways bundled code names a file beside itself; `sourceResourcesDir` is the source tree's resources folder. */
const FORMS = [
  /__dirname \+ "\/([^"]+)"/g, // pdfkit: fs.readFileSync(__dirname + "/data/Helvetica.afm")
  /`\$\{__dirname\}\/([^`$]+)`/g, // pdfkit: `${__dirname}/data/sRGB_IEC61966_2_1.icc`
  /\.join\(__dirname, ((?:"[^"]+"(?:, )?)+)\)/g, // ours: path.join(__dirname, "renderer", "index.html")
];
const SOURCE_RESOURCES = /sourceResourcesDir\(__dirname\)/g;

function besideBundle(text: string): { files: string[]; unaccounted: number } {
  const files: string[] = [];
  for (const form of FORMS) {
    for (const m of text.matchAll(form))
      files.push(m[1]!.startsWith('"') ? [...m[1]!.matchAll(/"([^"]+)"/g)].map((s) => s[1]).join('/') : m[1]!);
  }
  const uses = text.match(/__dirname/g)?.length ?? 0;
  return { files, unaccounted: uses - files.length - (text.match(SOURCE_RESOURCES)?.length ?? 0) };
}

/** A JSON string as esbuild prints it (ASCII only). */
function jsLiteral(s: string): string {
  return JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100
      ? `\\x${n.toString(16).toUpperCase().padStart(2, '0')}`
      : `\\u${n.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

describe('the package', () => {
  const config = builderConfig();

  it('carries every file the bundles open beside themselves, and every use of __dirname in them is known', () => {
    const opened = new Set<string>();
    for (const [bundle, text] of code) {
      const found = besideBundle(text);
      expect({ bundle, unaccounted: found.unaccounted }).toEqual({ bundle, unaccounted: 0 });
      for (const f of found.files) opened.add(f);
    }
    // pdfkit reads Helvetica's metrics for every new document; the scan must see it.
    expect(opened).toContain('data/Helvetica.afm');
    expect(opened).toContain('renderer/index.html');
    // The customer's screen: its page and its own preload (docs/customer-screen.md).
    expect(opened).toContain('renderer/display.html');
    expect(opened).toContain('display-preload.cjs');
    for (const f of opened) {
      // The renderer is vite's output (vite.config.ts: dist/renderer); the rest is built by electron/build.mjs.
      if (!f.startsWith('renderer')) expect(fs.existsSync(path.join(out, f)), `${f} beside the bundles`).toBe(true);
      expect(packagedPath(config, `dist/${f}`), `dist/${f} in the package`).toBe(`resources/app/dist/${f}`);
    }
  });

  it('leaves head office out: not its bundle, not PGlite’s files beside it, not a PostgreSQL client', () => {
    const built = filesUnder(hqOut);
    expect(built).toEqual(expect.arrayContaining(['hq.cjs', 'pglite.wasm', 'pglite.data', 'initdb.wasm']));
    for (const f of built) expect(packagedPath(config, `dist/hq/${f}`), f).toBeNull();
    expect(packagedPath(config, 'dist/hq')).toBeNull();
    // The shop's bundles never import head office, so nothing of pg or PGlite is inside them either.
    for (const [bundle, text] of code) {
      expect(text, bundle).not.toContain('@electric-sql/pglite');
      expect(text, bundle).not.toContain('pg-protocol');
    }
    const packages = productionPackages();
    expect(packages).toContain('better-sqlite3');
    for (const p of packages) expect(p, p).not.toMatch(/^(pg|pg-.*|@electric-sql\/.*|pglite.*)$/);
  });

  it('carries everything the build writes except the source maps', () => {
    const built = filesUnder(out).filter((f) => !f.startsWith('hq/'));
    expect(built).toEqual(
      expect.arrayContaining([
        'host.cjs',
        'main.cjs',
        'preload.cjs',
        'display-preload.cjs',
        'data/Helvetica.afm',
        'data/sRGB_IEC61966_2_1.icc',
      ]),
    );
    for (const f of built)
      expect(packagedPath(config, `dist/${f}`), f).toBe(f.endsWith('.map') ? null : `resources/app/dist/${f}`);
  });

  it('puts the CJK font in the resources folder, where the packaged main process looks and the host is pointed', () => {
    expect(fs.existsSync(path.join(ROOT, 'resources', ...FONT_FILE.split('/')))).toBe(true);
    expect(packagedPath(config, `resources/${FONT_FILE}`)).toBe(`resources/${FONT_FILE}`);
    expect(code.get('main.cjs')).toContain('process.resourcesPath');
    for (const b of ['main.cjs', 'host.cjs']) expect(code.get(b)).toContain(jsLiteral(FONT_FILE));
    expect(code.get('host.cjs')).toContain('"--resources-dir"');
  });

  it('ships the default brands and quotes inside the bundles, since the packager leaves resources/defaults out', () => {
    for (const file of fs.readdirSync(path.join(ROOT, 'resources', 'defaults'))) {
      expect(packagedPath(config, `resources/defaults/${file}`)).toBeNull();
      const values = strings(JSON.parse(fs.readFileSync(path.join(ROOT, 'resources', 'defaults', file), 'utf8')));
      expect(values.length).toBeGreaterThan(3);
      for (const b of ['host.cjs', 'main.cjs']) {
        for (const v of values) expect(code.get(b), `${file}: ${v}`).toContain(jsLiteral(v));
      }
    }
  });

  it('leaves out the sources, the tests and the development files', () => {
    for (const f of [
      'electron/host.ts',
      'electron/build.mjs',
      'renderer/index.html',
      'test/e2e/packaged.test.ts',
      'package-lock.json',
      'electron-builder.yml',
      'tsconfig.json',
    ]) {
      expect(packagedPath(config, f), f).toBeNull();
    }
    expect(packagedPath(config, 'package.json')).toBe('resources/app/package.json');
  });
});
