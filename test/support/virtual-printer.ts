// A network thermal printer for tests and for people without hardware: a TCP server on 127.0.0.1 that keeps
// each connection's bytes as a job (the empty connections of a status check are not jobs), decodes them, and
// can be told to refuse connections, hang (accept, never read), or close in the middle of a job.
import net from 'node:net';
import { rawPrinter } from '../../electron/adapters/raw-printer';
import { decodeEscPos, type Printout } from './escpos';

export type Mode = 'ok' | 'refuse' | 'hang' | 'drop';
const STATUS_REQUEST = Buffer.from([0x1d, 0x72]);

export interface Job {
  bytes: Buffer;
  printout: Printout;
  at: number;
}

export class VirtualPrinter {
  readonly jobs: Job[] = [];
  private mode: Mode = 'ok';
  private dropAfter = 64;
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | null = null;
  private waiters: (() => void)[] = [];
  port = 0;

  /** 'refuse' stops listening, so connections are refused as by a printer that is off; other modes listen again. */
  async setMode(mode: Mode, dropAfterBytes = 64): Promise<void> {
    const wasRefusing = this.mode === 'refuse';
    this.mode = mode;
    this.dropAfter = dropAfterBytes;
    if (mode === 'refuse' && !wasRefusing) {
      // Switched off: open connections drop too (server.close would otherwise wait for them).
      for (const s of this.sockets) s.destroy();
      await new Promise<void>((r) => this.server?.close(() => r()));
    }
    if (mode !== 'refuse' && wasRefusing) await this.listen(this.port);
  }

  private async listen(port: number): Promise<void> {
    this.server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async start(port = 0): Promise<number> {
    await this.listen(port);
    return this.port;
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    if (this.mode === 'hang') return void socket.pause();
    const chunks: Buffer[] = [];
    let size = 0;
    let answered = 0;
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      size += d.length;
      if (this.mode === 'drop' && size >= this.dropAfter) return void socket.destroy();
      // Like a network ESC/POS printer, answer each GS r (transmit status) with a status byte: all well.
      const all = Buffer.concat(chunks);
      let at = all.indexOf(STATUS_REQUEST);
      let seen = 0;
      while (at >= 0) {
        seen += 1;
        at = all.indexOf(STATUS_REQUEST, at + 2);
      }
      for (; answered < seen; answered++) socket.write(Buffer.from([0x00]));
    });
    socket.on('close', () => {
      const bytes = Buffer.concat(chunks);
      if (bytes.length === 0 || (this.mode === 'drop' && size >= this.dropAfter)) return;
      this.jobs.push({ bytes, printout: decodeEscPos(bytes), at: Date.now() });
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('end', () => socket.end());
  }

  /** Resolves when `count` jobs have arrived (the caller's test timeout bounds the wait). */
  async waitForJobs(count: number): Promise<Job[]> {
    while (this.jobs.length < count) await new Promise<void>((r) => this.waiters.push(r));
    return this.jobs;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server?.listening ? this.server.close(() => r()) : r()));
  }
}

/** Sends one job through the app's own printer adapter, as the print worker does. */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 5000): Promise<void> {
  return rawPrinter.send(`tcp://127.0.0.1:${port}`, bytes, timeoutMs);
}
