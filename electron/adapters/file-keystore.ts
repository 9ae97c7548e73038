// The key file fallback: a 0600 file per install in the per-user config folder, never in the data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KeyStore } from '../core/ports';

/** The per-user config folder for CardDesk keys on each OS (`CARDDESK_KEY_DIR` overrides it). */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CARDDESK_KEY_DIR) return path.resolve(env.CARDDESK_KEY_DIR);
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'CardDesk', 'keys');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'CardDesk', 'keys');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'carddesk', 'keys');
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const SAFE_ID = /^[0-9a-f-]{36}$/;

export interface Sealer {
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}
const plainSealer: Sealer = { seal: (s) => Buffer.from(s, 'utf8'), open: (b) => b.toString('utf8') };

export class FileKeyStore implements KeyStore {
  readonly kind: KeyStore['kind'];
  readonly osEncrypted: boolean;
  constructor(
    private readonly dir: string,
    dataDir: string,
    private readonly sealer: Sealer = plainSealer,
    osEncrypted = false,
  ) {
    if (isInside(dir, dataDir)) throw new Error('the key folder must not be inside the data directory');
    this.kind = osEncrypted ? 'safeStorage' : 'keyFile';
    this.osEncrypted = osEncrypted;
  }
  private file(installId: string): string {
    if (!SAFE_ID.test(installId)) throw new Error('bad install id');
    return path.join(this.dir, `${installId}.key`);
  }
  load(installId: string): Buffer | null {
    let raw: Buffer;
    try {
      raw = fs.readFileSync(this.file(installId));
    } catch {
      return null;
    }
    try {
      return Buffer.from(this.sealer.open(raw), 'base64');
    } catch {
      return null;
    }
  }
  save(installId: string, material: Buffer): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const target = this.file(installId);
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, this.sealer.seal(material.toString('base64')), { mode: 0o600 });
    fs.renameSync(tmp, target);
    fs.chmodSync(target, 0o600);
  }
}

/** Keys held only in memory: for tests and for the bench. */
export class MemoryKeyStore implements KeyStore {
  readonly kind = 'memory' as const;
  readonly osEncrypted = false;
  private readonly map = new Map<string, Buffer>();
  load(installId: string): Buffer | null {
    const b = this.map.get(installId);
    return b ? Buffer.from(b) : null;
  }
  save(installId: string, material: Buffer): void {
    this.map.set(installId, Buffer.from(material));
  }
}
