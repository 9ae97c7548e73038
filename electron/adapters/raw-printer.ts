// Writes receipt bytes raw: over TCP to a network printer (tcp://host:9100), or to a file path — a Windows
// shared printer (\\localhost\ShareName) or a device such as /dev/usb/lp0. No native module.
import fs from 'node:fs';
import net from 'node:net';
import { PrinterError, type Printer } from '../core/ports';
import { printerTargetProblem } from '../core/printing/target';

function tcpTarget(target: string): { host: string; port: number } | null {
  const m = /^tcp:\/\/([^:/]+)(?::(\d+))?\/?$/.exec(target);
  return m ? { host: m[1] ?? '', port: Number(m[2] ?? 9100) } : null;
}

const STATUS_REQUEST = Buffer.from([0x1d, 0x72]);

/**
 * A written buffer is not a printed receipt (printing.md). When the job asks the printer for its status (GS r, as
 * every receipt does at its end), the job counts as delivered only once the printer answers; a connection closed
 * before the answer, or a timeout, leaves the outcome unknown.
 */
function sendTcp(host: string, port: number, bytes: Buffer, timeoutMs: number): Promise<void> {
  const waitForStatus = bytes.includes(STATUS_REQUEST);
  return new Promise((resolve, reject) => {
    let connected = false;
    let answered = false;
    let settled = false;
    const done = (e?: PrinterError) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (e) reject(e);
      else resolve();
    };
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => done(new PrinterError(connected ? 'unknown' : 'not_sent', 'timeout')));
    socket.on('connect', () => {
      connected = true;
      if (waitForStatus) socket.write(bytes);
      else socket.end(bytes);
    });
    socket.on('data', () => {
      answered = true;
      socket.end();
    });
    socket.on('error', (e: NodeJS.ErrnoException) =>
      done(new PrinterError(connected ? 'unknown' : 'not_sent', e.code ?? 'error')),
    );
    socket.on('close', (hadError) => {
      if (hadError) return;
      if (waitForStatus && !answered) done(new PrinterError('unknown', 'closed'));
      else done();
    });
  });
}

export const rawPrinter: Printer = {
  async send(target, bytes, timeoutMs) {
    const tcp = tcpTarget(target);
    if (tcp) return sendTcp(tcp.host, tcp.port, bytes, timeoutMs);
    // Checked again at every send: a symlink or file may have appeared under /dev since the owner set the address.
    // The other-host question was answered when the address was saved.
    if (printerTargetProblem(target, { otherHostConfirmed: true }))
      throw new PrinterError('not_sent', 'target_refused');
    try {
      // Append without create: a device that is not there is an error, never a new ordinary file.
      await fs.promises.writeFile(target, bytes, { flag: fs.constants.O_WRONLY | fs.constants.O_APPEND });
    } catch (e) {
      throw new PrinterError('not_sent', (e as NodeJS.ErrnoException).code ?? 'error');
    }
  },
  async probe(target, timeoutMs) {
    const tcp = tcpTarget(target);
    if (!tcp) return printerTargetProblem(target, { otherHostConfirmed: true }) === null && fs.existsSync(target);
    return new Promise((resolve) => {
      const s = net.connect(tcp);
      s.setTimeout(timeoutMs, () => (s.destroy(), resolve(false)));
      s.on('connect', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
  },
};
