// Where receipts may go: the printer address is resolved as the OS would open it. Device
// paths are checked against the real /dev and against a temp folder standing in for /dev (so symlinks can be made
// without root); Windows shares against a stand-in PC named SHOP-PC.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printerTargetProblem, thisPc, type TargetHost } from '../../electron/core/printing/target';
import { rawPrinter } from '../../electron/adapters/raw-printer';
import { tempDir } from '../support/backend';

/** A temp folder as /dev: `lp0` in it counts as the printer device, everything else is what the disk says. */
function fakeDev(): { host: TargetHost; dev: string; outside: string } {
  const base = tempDir('carddesk-dev-');
  const dev = path.join(base, 'dev');
  const outside = path.join(base, 'home');
  fs.mkdirSync(path.join(dev, 'serial', 'by-id'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(dev, 'lp0'), '');
  fs.writeFileSync(path.join(outside, 'notes.txt'), 'the owner’s notes');
  const real = thisPc();
  const lp0 = fs.realpathSync(path.join(dev, 'lp0'));
  const host: TargetHost = {
    ...real,
    platform: 'linux',
    devRoot: dev,
    kind: (p) => (p === lp0 ? 'device' : real.kind(p)),
  };
  return { host, dev, outside };
}

const windowsPc: TargetHost = { ...thisPc(), platform: 'win32', hostname: 'SHOP-PC' };

describe('a device path as the printer address', () => {
  it('is refused when `..` walks out of /dev, as /dev/../tmp/x did', () => {
    expect(printerTargetProblem('/dev/../tmp/x')).toBe('outside_dev');
    expect(printerTargetProblem('/dev/usb/../../etc/passwd')).toBe('outside_dev');
    const { host } = fakeDev();
    expect(printerTargetProblem('/dev/../home/notes.txt', { host })).toBe('outside_dev');
  });

  it('is accepted for a device under /dev, and for one not plugged in yet', () => {
    expect(printerTargetProblem('/dev/null')).toBe(null);
    const { host } = fakeDev();
    expect(printerTargetProblem('/dev/lp0', { host })).toBe(null);
    expect(printerTargetProblem('/dev/usb/lp1', { host })).toBe(null);
  });

  it('is refused when a symlink under /dev points outside it, and accepted when it points at a device inside', () => {
    const { host, dev, outside } = fakeDev();
    fs.symlinkSync(path.join(outside, 'notes.txt'), path.join(dev, 'escape'));
    fs.symlinkSync(outside, path.join(dev, 'homedir'));
    fs.symlinkSync('../../lp0', path.join(dev, 'serial', 'by-id', 'usb-Epson_TM-T82'));
    expect(printerTargetProblem('/dev/escape', { host })).toBe('outside_dev');
    expect(printerTargetProblem('/dev/homedir/new-file', { host })).toBe('outside_dev');
    expect(printerTargetProblem('/dev/serial/by-id/usb-Epson_TM-T82', { host })).toBe(null);
  });

  it('is refused for /dev/fd/N, which is whatever file the app has open (the database, a backup)', () => {
    const file = path.join(tempDir(), 'carddesk.sqlite');
    const fd = fs.openSync(file, 'w');
    try {
      expect(printerTargetProblem(`/dev/fd/${fd}`)).toBe('outside_dev');
    } finally {
      fs.closeSync(fd);
    }
  });

  it('is refused for an ordinary file or a folder inside /dev (a world-writable /dev/shm is no printer)', () => {
    const { host, dev } = fakeDev();
    fs.writeFileSync(path.join(dev, 'shm-note'), '');
    expect(printerTargetProblem('/dev/shm-note', { host })).toBe('outside_dev');
    expect(printerTargetProblem('/dev/serial', { host })).toBe('outside_dev');
  });

  it('is a refused send at print time too, and nothing is appended to or created outside /dev', async () => {
    const dir = tempDir();
    const existing = path.join(dir, 'x');
    fs.writeFileSync(existing, 'before');
    const escape = `/dev/..${existing}`;
    await expect(rawPrinter.send(escape, Buffer.from('TEST PAGE'), 1000)).rejects.toMatchObject({
      outcome: 'not_sent',
      message: 'target_refused',
    });
    expect(fs.readFileSync(existing, 'utf8')).toBe('before');
    await expect(
      rawPrinter.send(`/dev/..${path.join(dir, 'new')}`, Buffer.from('TEST PAGE'), 1000),
    ).rejects.toMatchObject({ outcome: 'not_sent' });
    expect(fs.existsSync(path.join(dir, 'new'))).toBe(false);
  });

  it('is not a place on Windows, where /dev does not exist', () => {
    expect(printerTargetProblem('/dev/usb/lp0', { host: windowsPc })).toBe('not_a_printer');
  });
});

describe('a Windows printer share as the printer address', () => {
  it('is accepted when it names this PC: localhost, 127.0.0.1 or the PC’s own name', () => {
    for (const t of ['\\\\localhost\\EPSON', '\\\\127.0.0.1\\EPSON', '\\\\SHOP-PC\\EPSON', '\\\\shop-pc\\TM-T82'])
      expect(printerTargetProblem(t, { host: windowsPc }), t).toBe(null);
  });

  it('is refused on another PC until the owner confirms that host', () => {
    expect(printerTargetProblem('\\\\otherhost\\share', { host: windowsPc })).toBe('other_host');
    expect(printerTargetProblem('\\\\192.168.1.20\\EPSON', { host: windowsPc })).toBe('other_host');
    expect(printerTargetProblem('\\\\otherhost\\share', { host: windowsPc, otherHostConfirmed: true })).toBe(null);
  });

  it('is refused when the share name walks out of the share or names a device namespace, confirmed or not', () => {
    for (const t of [
      '\\\\localhost\\..',
      '\\\\localhost\\a/../../C$',
      '\\\\localhost\\EPSON:stream',
      '\\\\.\\PhysicalDrive0',
      '\\\\?\\C:',
    ]) {
      expect(printerTargetProblem(t, { host: windowsPc, otherHostConfirmed: true }), t).toBe('not_a_printer');
    }
  });

  it('is refused off Windows, where it would be a file named \\\\localhost\\share in the working folder', () => {
    expect(printerTargetProblem('\\\\localhost\\share', { host: { ...thisPc(), platform: 'linux' } })).toBe(
      'not_a_printer',
    );
  });

  it('leaves network printers alone: tcp:// is an address, not a path', () => {
    expect(printerTargetProblem('tcp://192.168.1.50:9100', { host: windowsPc })).toBe(null);
    expect(printerTargetProblem('tcp://192.168.1.50:9100')).toBe(null);
  });
});
