// What the core needs from outside. Tests pass deterministic implementations; the app passes adapters/.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface Ids {
  /** A UUIDv7. */
  next(): string;
}

export interface Random {
  bytes(n: number): Buffer;
}

export interface Scheduler {
  /** Runs `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

/**
 * Keeps the shop's data key and hash key outside the data directory, wrapped by the OS where it can
 * (Electron safeStorage) or in a 0600 file in the per-user config folder.
 */
export interface KeyStore {
  readonly kind: 'safeStorage' | 'keyFile' | 'memory';
  /** True when the OS encrypts what is stored (safeStorage with a real backend). */
  readonly osEncrypted: boolean;
  load(installId: string): Buffer | null;
  save(installId: string, material: Buffer): void;
}

/**
 * Where receipts go. `send` resolves when the bytes were written and the connection closed normally; it throws a
 * PrinterError saying whether anything may have reached the printer (which decides the 重印 mark on a resend).
 */
export interface Printer {
  send(target: string, bytes: Buffer, timeoutMs: number): Promise<void>;
  /** True when the printer answers (a connection that sends nothing). */
  probe(target: string, timeoutMs: number): Promise<boolean>;
}

export class PrinterError extends Error {
  constructor(
    readonly outcome: 'not_sent' | 'unknown',
    message: string,
  ) {
    super(message);
    this.name = 'PrinterError';
  }
}

/**
 * One HTTP exchange with head office. Throws on a network error, when `timeoutMs` passes without an answer, or
 * (AnswerTooLarge) when the answer's body goes beyond `maxBytes`: reading stops there, so a hostile or broken
 * head office cannot fill the shop's memory.
 */
export interface HqRequest {
  method: 'GET' | 'PUT' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
}

/** Head office's answer went beyond what that answer may weigh: treated like a network error. */
export class AnswerTooLarge extends Error {
  override name = 'AnswerTooLarge';
  constructor(readonly maxBytes: number) {
    super(`head office's answer is larger than ${maxBytes} bytes`);
  }
}
export interface HqResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
export interface Hq {
  request(r: HqRequest): Promise<HqResponse>;
}

/** The operating system saying the network changed (a cable, Wi-Fi): a reason to try head office again. */
export interface Network {
  subscribe(onChange: () => void): () => void;
}

export interface Ports {
  clock: Clock;
  ids: Ids;
  random: Random;
  scheduler: Scheduler;
  keys: KeyStore;
  printer?: Printer;
  hq?: Hq;
  network?: Network;
}
