// Runs the real browser-mode host (dist/host.cjs) as a child process on a temp data dir and key dir,
// with CARDDESK_TEST=1 so the test can move its clock.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { CallInput, CallName, CallOutput, Result } from '../../shared/contract';
import { HTTP_SESSION_HEADER } from '../../shared/contract/channels';
import { tempDir } from './backend';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const HOST_JS = path.join(ROOT, 'dist', 'host.cjs');

export interface Host {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  keyDir: string;
  proc: ChildProcess;
  output(): string;
  call<N extends CallName>(
    name: N,
    input: CallInput<N>,
    session?: string | null,
  ): Promise<{ result: Result<CallOutput<N>>; session: string | null }>;
  advanceClock(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export function waitForLine(proc: ChildProcess, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; saw: ${seen}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = seen.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (d: Buffer) => (seen += d.toString()));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing ${pattern}: ${seen}`));
    });
  });
}

export interface HostOptions {
  dataDir?: string;
  keyDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Another copy of the built host (the packaged layout's); dist/host.cjs by default. */
  hostJs?: string;
  /** Node's own flags, before the script. */
  nodeArgs?: string[];
  /** More host options, after --port and --data-dir. */
  args?: string[];
}

export async function startHost(opts: HostOptions = {}): Promise<Host> {
  const hostJs = opts.hostJs ?? HOST_JS;
  if (!fs.existsSync(hostJs)) throw new Error(`${path.relative(ROOT, hostJs)} is missing: run \`npm run build\` first`);
  const dataDir = opts.dataDir ?? tempDir('carddesk-data-');
  const keyDir = opts.keyDir ?? tempDir('carddesk-keys-');
  const proc = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), hostJs, '--port', '0', '--data-dir', dataDir, ...(opts.args ?? [])],
    {
      env: { ...process.env, CARDDESK_TEST: '1', CARDDESK_KEY_DIR: keyDir, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const m = await waitForLine(proc, /CARDDESK_URL=(http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]+)/);
  const origin = m[1] ?? '';
  const token = m[2] ?? '';
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    dataDir,
    keyDir,
    proc,
    output: () => out,
    async call(name, input, session = null) {
      const res = await fetch(`${origin}/rpc/${name}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          [HTTP_SESSION_HEADER]: session ?? '',
        },
        body: JSON.stringify(input),
      });
      const next = res.headers.get(HTTP_SESSION_HEADER);
      return { result: (await res.json()) as Result<never>, session: next === null ? session : next || null };
    },
    async advanceClock(ms) {
      const res = await fetch(`${origin}/test/clock`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMs: ms }),
      });
      if (!res.ok) throw new Error(`clock control answered ${res.status}`);
    },
    stop() {
      return new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
    },
  };
}

/** A fresh host for the enclosing describe block, stopped after it. */
export function useHost(): () => Host {
  let host: Host | undefined;
  beforeAll(async () => {
    host = await startHost();
  });
  afterAll(async () => {
    await host?.stop();
  });
  return () => {
    if (!host) throw new Error('the host has not started');
    return host;
  };
}
