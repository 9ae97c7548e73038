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

export interface Ports {
  clock: Clock;
  ids: Ids;
  random: Random;
  scheduler: Scheduler;
  keys: KeyStore;
}
