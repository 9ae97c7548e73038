// Spec §6 keys: outside the data directory (0600 key file or safeStorage) and wrapped by the passphrase inside.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileKeyStore } from '../../electron/adapters/file-keystore';
import {
  errorCode,
  makeBackend,
  OWNER_PIN,
  PASSPHRASE,
  setUpShop,
  tempDir,
  TestBinding,
  type TestBackend,
} from '../support/backend';

const open: TestBackend[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});
const backend = (dataDir: string, keyDir: string) => {
  const t = makeBackend({ dataDir, keys: new FileKeyStore(keyDir, dataDir) });
  open.push(t);
  return t;
};

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe('keys on a new PC or user account', () => {
  it('reads encrypted fields of a copied data directory only after the recovery passphrase is given', async () => {
    const dataA = tempDir('data-a-');
    const keysA = tempDir('keys-a-');
    const a = backend(dataA, keysA);
    const { owner, ownerId } = await setUpShop(a);
    const clerk = await a.must(owner, 'staff.add', {
      name: '张三',
      role: 'clerk',
      pin: '135790',
      phone: '13812345678',
    });
    expect((await a.must(owner, 'staff.revealPhone', { staffId: clerk.id })).phone).toBe('13812345678');
    a.close();

    const dataB = tempDir('data-b-');
    fs.cpSync(dataA, dataB, { recursive: true });
    const b = backend(dataB, tempDir('keys-other-user-'));
    const win = new TestBinding();
    expect((await b.must(win, 'system.status', {})).keys).toBe('locked');
    await b.must(win, 'auth.login', { staffId: ownerId, pin: OWNER_PIN });
    expect((await b.must(win, 'staff.list', {})).find((s) => s.id === clerk.id)?.phoneMasked).toBe('138****5678');
    expect(errorCode(await b.call(win, 'staff.revealPhone', { staffId: clerk.id }))).toBe('KEYS_LOCKED');
    expect(errorCode(await b.call(win, 'keys.unlock', { passphrase: 'NOPE-NOPE-NOPE-NOPE-NOPE' }))).toBe(
      'WRONG_PASSPHRASE',
    );
    expect(errorCode(await b.call(win, 'staff.revealPhone', { staffId: clerk.id }))).toBe('KEYS_LOCKED');
    await b.must(win, 'keys.unlock', { passphrase: PASSPHRASE });
    expect((await b.must(win, 'staff.revealPhone', { staffId: clerk.id })).phone).toBe('13812345678');
  });

  it('remembers the unwrapped keys in the new key store, in a file only its user can read', async () => {
    const dataA = tempDir('data-a-');
    const a = backend(dataA, tempDir('keys-a-'));
    await setUpShop(a);
    a.close();
    const keysB = tempDir('keys-b-');
    const b = backend(dataA, keysB);
    await b.must(new TestBinding(), 'keys.unlock', { passphrase: PASSPHRASE });
    b.close();
    const [file] = fs.readdirSync(keysB);
    expect(file).toMatch(/^[0-9a-f-]{36}\.key$/);
    expect(fs.statSync(path.join(keysB, file!)).mode & 0o777).toBe(0o600);
    const c = backend(dataA, keysB);
    expect((await c.must(new TestBinding(), 'system.status', {})).keys).toBe('ready');
  });

  it('keeps no key material unwrapped in the data directory, nor the phone numbers it encrypts', async () => {
    const dataDir = tempDir('data-');
    const keyDir = tempDir('keys-');
    const t = backend(dataDir, keyDir);
    const { owner } = await setUpShop(t);
    await t.must(owner, 'staff.add', { name: '张三', role: 'clerk', pin: '135790', phone: '13812345678' });
    const keyFile = fs.readdirSync(keyDir)[0]!;
    const material = Buffer.from(fs.readFileSync(path.join(keyDir, keyFile), 'utf8'), 'base64');
    expect(material.length).toBe(64);
    const dataKey = material.subarray(0, 32);
    const hashKey = material.subarray(32);
    const needles = [
      dataKey,
      hashKey,
      Buffer.from(dataKey.toString('hex')),
      Buffer.from(hashKey.toString('hex')),
      Buffer.from(dataKey.toString('base64')),
      Buffer.from(hashKey.toString('base64')),
      Buffer.from(material.toString('base64')),
      Buffer.from('13812345678'),
      Buffer.from(PASSPHRASE),
    ];
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    let scanned = 0;
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      scanned += bytes.length;
      for (const n of needles) expect(bytes.includes(n), `${path.basename(f)} holds a secret`).toBe(false);
    }
    expect(scanned).toBeGreaterThan(0);
  });

  it('refuses to keep the key file inside the data directory', () => {
    const dataDir = tempDir('data-');
    expect(() => new FileKeyStore(path.join(dataDir, 'keys'), dataDir)).toThrow(
      /must not be inside the data directory/,
    );
  });
});
