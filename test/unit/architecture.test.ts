// The layers hold by test, not by habit: no import cycles anywhere (type-only imports count), handlers stay thin
// (no SQL, never another feature's handler) and the core never reaches Electron. Imports are read with a regex:
// every file here uses plain static `import … from '…'` / `export … from '…'` lines.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/host';

const SOURCE_DIRS = ['electron', 'shared', 'renderer/src', 'hq'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') out.push(...sourceFiles(p));
    } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const IMPORT =
  /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?|[\w$]+)\s+from\s+['"]([^'"]+)['"]/gm;
const BARE = /^\s*import\s+['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The specifiers a file imports, type-only ones included. */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const re of [IMPORT, BARE, DYNAMIC]) for (const m of text.matchAll(re)) if (m[1]) out.push(m[1]);
  return out;
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec.replace(/\.js$/, ''));
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (/\.tsx?$/.test(c) && fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return null;
}

type Graph = Map<string, string[]>;

function importGraph(): Graph {
  const graph: Graph = new Map();
  for (const d of SOURCE_DIRS) {
    for (const f of sourceFiles(path.join(ROOT, d))) {
      const deps = specifiers(fs.readFileSync(f, 'utf8'))
        .map((s) => resolve(f, s))
        .filter((x): x is string => x !== null);
      graph.set(f, [...new Set(deps)]);
    }
  }
  return graph;
}

/** Tarjan's strongly connected components; a component of more than one file, or a file importing itself, is a cycle. */
export function cycles(graph: Graph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc);
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** One concrete loop inside a component, to name in the failure: a → b → … → a. */
function loopIn(graph: Graph, scc: string[]): string[] {
  const inside = new Set(scc);
  const start = [...scc].sort()[0] ?? '';
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() ?? '';
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const loop = [start];
        for (let x = v; x !== start; x = prev.get(x) ?? start) loop.splice(1, 0, x);
        return [...loop, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return scc;
}

const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');

describe('the import graph', () => {
  const graph = importGraph();

  it('reads the imports of every source file, type-only and multi-line ones included', () => {
    expect(
      specifiers(
        "import type { A } from './a';\nimport {\n  b,\n  c,\n} from '../b';\nexport { d } from './d';\nimport x, { y } from './x';\nimport './side';",
      ),
    ).toEqual(['./a', '../b', './d', './x', './side']);
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(path.join(ROOT, 'electron/core/backend.ts'))).toContain(
      path.join(ROOT, 'electron/core/db/sql.ts'),
    );
  });

  it('finds a cycle when there is one', () => {
    const g: Graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(g).map((c) => loopIn(g, c))).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('has no cycles between the files of the app, not even through type-only imports', () => {
    const found = cycles(graph).map((c) => loopIn(graph, c).map(rel).join(' → '));
    expect(found).toEqual([]);
  });
});

describe('the layers of the backend', () => {
  const core = path.join(ROOT, 'electron/core');
  const handlerFiles = fs
    .readdirSync(core, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(core, e.name, 'handlers.ts')))
    .map((e) => path.join(core, e.name, 'handlers.ts'));

  it('keeps SQL out of every handler: a handler parses, calls one service and records', () => {
    expect(handlerFiles.length).toBeGreaterThan(10);
    const withSql = handlerFiles
      .filter((f) => /\b(SELECT|INSERT|UPDATE|DELETE)\b|\bsql\.|\.prepare\(/.test(fs.readFileSync(f, 'utf8')))
      .map(rel);
    expect(withSql).toEqual([]);
  });

  it('never lets a handler reach another feature’s handler', () => {
    const reaching: string[] = [];
    for (const f of handlerFiles) {
      for (const s of specifiers(fs.readFileSync(f, 'utf8'))) {
        const target = resolve(f, s);
        if (target && target !== f && path.basename(target) === 'handlers.ts')
          reaching.push(`${rel(f)} → ${rel(target)}`);
      }
    }
    expect(reaching).toEqual([]);
  });

  it('reads every row through a schema: no cast and no schema-less read of SQLite in the app', () => {
    const unparsed = /\bsql\.(?:get|all|iterate)\s*(?:<|\(\s*['"`])|\.prepare\([^)]*\)\s*\.(?:get|all|iterate)\(/;
    const offending = SOURCE_DIRS.slice(0, 2)
      .flatMap((d) => sourceFiles(path.join(ROOT, d)))
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ f, line, i })),
      )
      .filter((l) => unparsed.test(l.line))
      .map((l) => `${rel(l.f)}:${l.i + 1}`);
    expect(offending).toEqual([]);
  });

  it('builds who acts in one place: no other adapter of requireOwner, approvedBy or override', () => {
    const adapter = /\b(?:requireOwner|approvedBy|override)\s*:\s*(?:\(|async\b|function\b)/;
    const offending = sourceFiles(path.join(ROOT, 'electron'))
      .filter((f) => f !== path.join(core, 'actor.ts') && adapter.test(fs.readFileSync(f, 'utf8')))
      .map(rel);
    expect(offending).toEqual([]);
  });

  it('keeps head office apart: nothing in hq/ imports electron/, nothing in electron/ or shared/ imports hq/', () => {
    const reaching = (from: string, to: string) =>
      sourceFiles(path.join(ROOT, from))
        .flatMap((f) => specifiers(fs.readFileSync(f, 'utf8')).map((s) => ({ f, target: resolve(f, s) })))
        .filter((x) => x.target?.startsWith(path.join(ROOT, to) + path.sep))
        .map((x) => `${rel(x.f)} → ${rel(x.target ?? '')}`);
    expect(reaching('hq', 'electron')).toEqual([]);
    expect([...reaching('electron', 'hq'), ...reaching('shared', 'hq')]).toEqual([]);
    expect(sourceFiles(path.join(ROOT, 'hq')).length).toBeGreaterThan(10);
  });

  it('never imports electron below electron/core', () => {
    const offending = sourceFiles(core)
      .filter((f) => specifiers(fs.readFileSync(f, 'utf8')).some((s) => s === 'electron' || s.startsWith('electron/')))
      .map(rel);
    expect(offending).toEqual([]);
  });
});
