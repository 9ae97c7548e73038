// Head office as its own process for the bench (`hq/main.ts` through tsx, its heap bounded as `npm run hq` bounds
// it): its command line for setting up, and the server, on loopback.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const HQ_MAIN = path.join(import.meta.dirname, '..', 'hq', 'main.ts');
const Scripts = z.object({ scripts: z.object({ hq: z.string() }) });
const HQ_HEAP =
  /--max-old-space-size=\d+/.exec(
    Scripts.parse(JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8'))).scripts.hq,
  )?.[0] ?? '--max-old-space-size=384';

/**
 * How head office is started: its server key (else the key file in its data folder, made on first use), and
 * whether as a test's (`CARDDESK_TEST=1`: it then takes `--clock-offset`).
 */
export interface HqRun {
  keyHex?: string;
  testing?: boolean;
}
const envOf = (o: HqRun) => ({
  ...process.env,
  ...(o.keyHex ? { CARDDESK_HQ_KEY: o.keyHex } : {}),
  ...(o.testing ? { CARDDESK_TEST: '1' } : {}),
});

/** A head-office command (`shop add SH01`, `chain-key generate`) with its flags (`--data-dir …`); its output. */
export async function hqCommand(args: string[], o: HqRun = {}): Promise<string> {
  const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', HQ_MAIN, ...args], { env: envOf(o) });
  return r.stdout;
}

/**
 * Head office serving on a free loopback port, with its flags: the database (`--database-url` or `--data-dir`)
 * and any other (`--clock-offset`).
 */
export async function headOfficeProcess(
  flags: string[],
  o: HqRun = {},
): Promise<{ base: string; pid: number; stop(): Promise<void> }> {
  const proc = spawn(process.execPath, [HQ_HEAP, '--import', 'tsx', HQ_MAIN, '--port', '0', ...flags], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: envOf(o),
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /HQ_URL=(\S+)/.exec(out);
      if (m) resolve(m[1] ?? '');
    });
    proc.on('exit', () => reject(new Error(`head office did not start: ${out}`)));
  });
  proc.on('exit', (code, signal) => {
    if (code !== 0) process.stderr.write(`hq: head office exited (${code ?? signal})\n`);
  });
  // Its log (a line a stored day) is dropped, but what went wrong is said.
  proc.stdout?.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n'))
      if (/ (error|client error) /.test(line)) process.stderr.write(`hq: ${line}\n`);
  });
  return {
    base,
    pid: proc.pid ?? 0,
    stop: () => new Promise((r) => (proc.once('exit', () => r()), proc.kill('SIGTERM'))),
  };
}
