// Head office's server key and its PGlite folder lock, without a database: the key seals a value bound to what it
// is, comes from the environment or a 0600 key file made only when asked, and tells itself from another by a check
// value; one process at a time holds a PGlite folder, and a lock left by a process that is gone is taken over.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderLockedError, lockFolder } from '../../hq/db/folder-lock';
import { ServerKey, ServerKeyError } from '../../hq/keys';
import { tempDir } from '../support/backend';

describe('the server key', () => {
  it('seals a value bound to what it is, and opens it only as that with the same key', () => {
    const key = ServerKey.fromHex('12'.repeat(32));
    const sealed = key.seal('shop:SH01:1', 'a-shop-secret-0123456789');
    expect(sealed).not.toContain('a-shop-secret');
    expect(key.open('shop:SH01:1', sealed)).toBe('a-shop-secret-0123456789');
    expect(key.seal('shop:SH01:1', 'a-shop-secret-0123456789')).not.toBe(sealed);
    expect(() => key.open('shop:SH02:1', sealed)).toThrow(/authenticate/);
    expect(() => ServerKey.fromHex('34'.repeat(32)).open('shop:SH01:1', sealed)).toThrow(/authenticate/);
    expect(key.matches(key.check())).toBe(true);
    expect(key.matches(ServerKey.fromHex('34'.repeat(32)).check())).toBe(false);
    expect(key.check()).not.toContain('12'.repeat(8));
  });

  it('comes from the environment first, else from a key file it makes (0600) only when allowed', () => {
    const dir = tempDir('carddesk-hq-key-');
    const file = path.join(dir, 'nested', 'server.key');
    expect(() => ServerKey.load({ file, create: false })).toThrow(ServerKeyError);
    expect(fs.existsSync(file)).toBe(false);
    const made = ServerKey.load({ file, create: true });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(ServerKey.load({ file, create: false }).check()).toBe(made.check());
    expect(ServerKey.load({ env: 'ab'.repeat(32), file, create: false }).check()).toBe(
      ServerKey.fromHex('ab'.repeat(32)).check(),
    );
    expect(() => ServerKey.load({ env: 'not-a-key', file, create: false })).toThrow(/64 hex/);
  });
});

describe('the PGlite folder lock', () => {
  it('lets one process hold the folder, refuses a second while the first lives, and takes over a lock left behind', async () => {
    const file = path.join(tempDir('carddesk-hq-lock-'), 'pglite.lock');
    const release = lockFolder(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(file)).toBe(false);

    // Another process holds it: refused while it lives, taken over once it is gone.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    fs.writeFileSync(file, String(other.pid));
    expect(() => lockFolder(file)).toThrow(FolderLockedError);
    await new Promise((r) => (other.once('exit', r), other.kill()));
    const again = lockFolder(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid));
    again();
  });
});
