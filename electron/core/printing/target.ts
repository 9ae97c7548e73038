// Where receipt bytes may be written (printing.md). The contract's pattern only shapes the text; a path such as
// /dev/../tmp/x or a symlink under /dev still lands on an ordinary file, and a share on another PC sends the shop's
// receipts over the network. So the target is resolved as the OS will open it: a device path must stay under /dev
// once `..` and symlinks are resolved and must not be an ordinary file or folder; a Windows share must name this PC
// unless the owner confirmed another host. Network printers (tcp://) are addressed by host and are not paths.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the check needs from the PC it runs on; tests pass a temp folder as the device root. */
export interface TargetHost {
  platform: NodeJS.Platform;
  hostname: string;
  /** The device folder (`/dev`). */
  devRoot: string;
  /** The path with every symlink resolved; throws when it does not exist. */
  realpath(p: string): string;
  /** What is at the (resolved) path: a device, something else (an ordinary file, a folder) or nothing yet. */
  kind(p: string): 'device' | 'other' | 'missing';
}

export function thisPc(): TargetHost {
  return {
    platform: process.platform,
    hostname: os.hostname(),
    devRoot: '/dev',
    realpath: (p) => fs.realpathSync(p),
    kind: (p) => {
      try {
        const st = fs.statSync(p);
        return st.isCharacterDevice() || st.isBlockDevice() || st.isFIFO() || st.isSocket() ? 'device' : 'other';
      } catch {
        return 'missing';
      }
    },
  };
}

export type TargetProblem =
  /** After resolving `..` and symlinks the path leaves the device folder, or it is an ordinary file or folder. */
  | 'outside_dev'
  /** A share on another PC, not confirmed by the owner. */
  | 'other_host'
  /** A share path on a system without shares (it would be a file in the working folder), /dev on Windows, or a share name Windows does not allow. */
  | 'not_a_printer';

const UNC = /^\\\\([^\\]+)\\([^\\]+)$/;
const TCP = /^tcp:\/\//;
/** Characters Windows refuses in a share name; `/` would also act as a separator and walk out of the share. */
const BAD_SHARE = /[/:*?"<>|]|^\.\.?$/;

/** The longest existing ancestor resolved, the rest appended: a printer that is switched off still has a place. */
function resolveReal(p: string, host: TargetHost): string {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return path.posix.join(host.realpath(cur), ...rest.toReversed());
    } catch {
      const parent = path.posix.dirname(cur);
      if (parent === cur) return p;
      rest.push(path.posix.basename(cur));
      cur = parent;
    }
  }
}

function isUnder(p: string, root: string): boolean {
  const rel = path.posix.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.posix.isAbsolute(rel);
}

function isThisPc(server: string, host: TargetHost): boolean {
  const s = server.toLowerCase();
  return s === 'localhost' || s === '127.0.0.1' || s === host.hostname.toLowerCase();
}

/** Null when receipts may go to `target`; otherwise why not (the refusal's `problem`). */
export function printerTargetProblem(
  target: string,
  opts: { host?: TargetHost; otherHostConfirmed?: boolean } = {},
): TargetProblem | null {
  const host = opts.host ?? thisPc();
  if (TCP.test(target)) return null;
  const unc = UNC.exec(target);
  if (unc) {
    const [, server = '', share = ''] = unc;
    if (host.platform !== 'win32' || BAD_SHARE.test(share) || server === '.' || server === '?') return 'not_a_printer';
    return isThisPc(server, host) || opts.otherHostConfirmed === true ? null : 'other_host';
  }
  if (host.platform === 'win32') return 'not_a_printer';
  const root = resolveReal(host.devRoot, host);
  const lexical = path.posix.resolve(host.devRoot, target.startsWith('/dev/') ? target.slice('/dev/'.length) : target);
  if (!isUnder(lexical, host.devRoot)) return 'outside_dev';
  const real = resolveReal(lexical, host);
  if (!isUnder(real, root)) return 'outside_dev';
  return host.kind(real) === 'other' ? 'outside_dev' : null;
}
