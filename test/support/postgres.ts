// A throw-away PostgreSQL 15+ server for a test file (environment.md): initdb in a temp folder, started on a free
// port on loopback, stopped at the end. PostgreSQL refuses to run as root, so as root (CI) it runs as `postgres`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './net';

export interface PgServer {
  url: string;
  dir: string;
  /** PostgreSQL's own log file. */
  logFile: string;
  /** A new empty database on this server; answers its URL. */
  createDatabase(name: string): string;
  /** pg_dump of a database on this server, as plain SQL text. */
  dump(database?: string): string;
  stop(): void;
}

/** The newest PostgreSQL 15+ on the machine (Debian's layout), or PG_BIN. */
export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .map(Number)
        .filter((v) => v >= 15)
        .sort((a, b) => b - a)
    : [];
  const v = versions[0];
  if (v === undefined)
    throw new Error('PostgreSQL 15+ is not installed here: `apt-get install -y postgresql` (.ci/run does it)');
  return path.join(root, String(v), 'bin');
}

/** `durable`: fsync on (the bench's absolute times); tests run without it. */
export async function startPostgres(o: { logStatements?: boolean; durable?: boolean } = {}): Promise<PgServer> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carddesk-pg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  const root = process.getuid?.() === 0;
  // As root: the folder belongs to `postgres`, and every server command runs as that user.
  const run = (cmd: string, args: string[]) => {
    const full = path.join(bin, cmd);
    if (!root) return execFileSync(full, args, { stdio: 'pipe', maxBuffer: 1 << 28 });
    return execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe', maxBuffer: 1 << 28 });
  };
  if (root) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    fs.chownSync(dir, id('-u'), id('-g'));
  }
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    ...(o.durable ? [] : ['-c fsync=off']),
    '-c max_connections=200',
    ...(o.logStatements ? ['-c log_statement=all'] : []),
  ];
  run('pg_ctl', ['-D', data, '-l', logFile, '-o', settings.join(' '), '-w', 'start']);
  const base = `postgres://postgres@127.0.0.1:${port}`;
  const psql = (sql: string) =>
    run('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-c', sql]);
  return {
    url: `${base}/postgres`,
    dir,
    logFile,
    createDatabase(name) {
      psql(`CREATE DATABASE ${name}`);
      return `${base}/${name}`;
    },
    dump: (database = 'postgres') =>
      run('pg_dump', ['-h', dir, '-p', String(port), '-U', 'postgres', '--no-owner', database]).toString('utf8'),
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
