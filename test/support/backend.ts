// A real backend on a real SQLite file in a temp folder, with deterministic ports, and typed calls.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallInput, CallName, CallOutput, Result } from '../../shared/contract';
import { MemoryKeyStore } from '../../electron/adapters/file-keystore';
import { rawPrinter } from '../../electron/adapters/raw-printer';
import { fetchHq } from '../../electron/adapters/hq-fetch';
import { createBackend, type Backend } from '../../electron/core/backend';
import type { Binding } from '../../electron/core/context';
import type { ScryptParams } from '../../electron/core/keys/crypto';
import type { Hq, KeyStore } from '../../electron/core/ports';
import { createDispatch } from '../../electron/transport/dispatch';
import { ManualClock, ManualScheduler, SeededRandom, SeqIds } from './ports';

export const FAST_KDF = { N: 1 << 10, r: 8, p: 1 };
export const OWNER_PIN = '246810';
export const PASSPHRASE = 'RTWE-VLGN-W7D5-RGKD-4PJU-8S3A';

export function tempDir(prefix = 'carddesk-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export class TestBinding implements Binding {
  constructor(private id: string | null = null) {}
  get(): string | null {
    return this.id;
  }
  set(id: string | null): void {
    this.id = id;
  }
}

export interface TestBackend {
  backend: Backend;
  clock: ManualClock;
  scheduler: ManualScheduler;
  keys: KeyStore;
  dataDir: string;
  logs: string[];
  call<N extends CallName>(b: Binding, name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  /** Calls and returns the value, failing the test with the error code otherwise. */
  must<N extends CallName>(b: Binding, name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  raw(b: Binding, name: string, input: unknown): Promise<Result<unknown>>;
  close(): void;
}

/** `passphraseKdf`: the cheap test cost unless given; `null` for the shipped one. */
export function makeBackend(
  opts: {
    dataDir?: string;
    keys?: KeyStore;
    clock?: ManualClock;
    seed?: string;
    hq?: Hq;
    passphraseKdf?: ScryptParams | null;
  } = {},
): TestBackend {
  const dataDir = opts.dataDir ?? tempDir();
  const clock = opts.clock ?? new ManualClock();
  const random = new SeededRandom(opts.seed ?? dataDir);
  const scheduler = new ManualScheduler(clock);
  const keys = opts.keys ?? new MemoryKeyStore();
  const logs: string[] = [];
  const backend = createBackend({
    dataDir,
    clock,
    random,
    scheduler,
    keys,
    ids: new SeqIds(clock, random),
    log: (l) => logs.push(l),
    passphraseKdf: opts.passphraseKdf === null ? undefined : (opts.passphraseKdf ?? FAST_KDF),
    testMode: true,
    printer: rawPrinter,
    hq: opts.hq ?? fetchHq,
  });
  const dispatch = createDispatch(backend);
  const raw = (b: Binding, name: string, input: unknown) => dispatch(b, name, input);
  const call = <N extends CallName>(b: Binding, name: N, input: CallInput<N>) =>
    dispatch(b, name, input) as Promise<Result<CallOutput<N>>>;
  return {
    backend,
    clock,
    scheduler,
    keys,
    dataDir,
    logs,
    raw,
    call,
    async must(b, name, input) {
      const r = await call(b, name, input);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${JSON.stringify(r.error.details)}`);
      return r.value;
    },
    close: () => backend.close(),
  };
}

/** A shop set up with its owner logged in on `owner`. */
export async function setUpShop(t: TestBackend, owner = new TestBinding(), code = 'SH01') {
  const session = await t.must(owner, 'setup.complete', {
    shop: {
      name: '京东回收店',
      code,
      address: '人民路 1 号',
      phone: '021-5555 0101',
      licenceNo: '91310000MA1K',
    },
    owner: { name: '王老板', pin: OWNER_PIN },
    passphrase: PASSPHRASE,
  });
  return { owner, ownerId: session.staffId };
}

export function errorCode(r: Result<unknown>): string {
  return r.ok ? 'ok' : r.error.code;
}
