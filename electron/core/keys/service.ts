// The shop's keys (spec §6): a data key for field encryption and a hash key for look-ups, kept outside the
// data directory by the KeyStore and, inside the database, wrapped by the owner's recovery passphrase.
import { AppError } from '../../../shared/contract';
import { normalise } from '../../../shared/domain/normalise';
import { z } from 'zod';
import { judgePassphrase } from '../../../shared/domain/passphrase-strength';
import { KeyWrapRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { readJson } from '../db/stored';
import type { KeyStore, Random } from '../ports';
import { hmacHex, open, PASSPHRASE_SCRYPT, scryptAsync, seal, type ScryptParams } from './crypto';

const CHECK_LABEL = 'carddesk key check v1';
const WRAP_AAD = 'key_wrap';
const KEY_LEN = 32;

const WrapLine = KeyWrapRow.pick({ kdf: true, salt: true, sealed: true, key_check: true });
/** key_wrap.kdf: the scrypt parameters the passphrase was wrapped with (`alg` says which function). */
const Kdf = z.object({ alg: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number() });

/** The keys wrapped by the passphrase, with the parameters stored beside them so that a later unlock can re-derive. */
interface Wrap {
  kdf: string;
  salt: Buffer;
  sealed: Buffer;
}

export interface Prepared {
  blob: Buffer;
  check: string;
  wrap: Wrap;
}

export interface Opened {
  blob: Buffer;
  check: string;
  /** Set when the stored copy used other parameters than today's: the same keys wrapped anew. */
  rewrap: Wrap | null;
}

const kdfText = (params: ScryptParams) => JSON.stringify({ alg: 'scrypt', N: params.N, r: params.r, p: params.p });

/** Passphrases are compared after the same normalisation as card numbers: spaces, dashes and case do not matter. */
export function normalisePassphrase(raw: string): string {
  return normalise(raw);
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/**
 * Six groups of four from an alphabet without look-alikes: 120 random bits. A draw that the strength estimate
 * would refuse (about one in six holds a run such as `2345` or a word-like stretch) is drawn again, which costs
 * well under one bit and means the wizard's passphrase is always accepted.
 */
export function makePassphrase(random: Random): string {
  for (;;) {
    const bytes = random.bytes(24);
    const chars = [...bytes].map((b) => ALPHABET[b & 31]);
    const phrase = [0, 4, 8, 12, 16, 20].map((i) => chars.slice(i, i + 4).join('')).join('-');
    if (judgePassphrase(phrase).strong) return phrase;
  }
}

export class Keys {
  private material: { data: Buffer; hash: Buffer } | null = null;
  constructor(
    private readonly sql: Sql,
    private readonly store: KeyStore,
    private readonly random: Random,
    private readonly passphraseKdf: ScryptParams = PASSPHRASE_SCRYPT,
  ) {}

  get state(): 'none' | 'locked' | 'ready' {
    if (this.material) return 'ready';
    return this.wrapRow() ? 'locked' : 'none';
  }

  private wrapRow(): z.infer<typeof WrapLine> | undefined {
    return this.sql.get(WrapLine, 'SELECT kdf, salt, sealed, key_check FROM key_wrap WHERE id = 1');
  }

  private accept(blob: Buffer, check: string): boolean {
    if (blob.length !== KEY_LEN * 2) return false;
    const data = blob.subarray(0, KEY_LEN);
    if (hmacHex(data, CHECK_LABEL) !== check) return false;
    this.material = { data: Buffer.from(data), hash: Buffer.from(blob.subarray(KEY_LEN)) };
    return true;
  }

  /** At start, and after a restore: take the keys from the KeyStore if it holds this install's. */
  load(installId: string): void {
    this.material = null;
    const row = this.wrapRow();
    const blob = this.store.load(installId);
    if (row && blob) this.accept(blob, row.key_check);
  }

  private derive(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
    return scryptAsync(normalisePassphrase(passphrase), salt, params);
  }

  /** The passphrase's key wraps `blob` under the current parameters (derived off the main thread). */
  private async wrap(passphrase: string, blob: Buffer): Promise<Wrap> {
    const salt = this.random.bytes(16);
    const params = this.passphraseKdf;
    const kek = await this.derive(passphrase, salt, params);
    return { kdf: kdfText(params), salt, sealed: seal(kek, this.random.bytes(12), blob, WRAP_AAD) };
  }

  /** First run, before the transaction: make the keys and wrap them, so that only the writes remain for `create`. */
  async prepare(passphrase: string): Promise<Prepared> {
    const blob = this.random.bytes(KEY_LEN * 2);
    return { blob, check: hmacHex(blob.subarray(0, KEY_LEN), CHECK_LABEL), wrap: await this.wrap(passphrase, blob) };
  }

  /** First run, in the caller's transaction: store the wrapped copy and save the keys to the KeyStore. */
  create(installId: string, prepared: Prepared): void {
    const { wrap, check, blob } = prepared;
    this.sql.run(
      'INSERT INTO key_wrap (id, kdf, salt, sealed, key_check) VALUES (1, ?, ?, ?, ?)',
      wrap.kdf,
      wrap.salt,
      wrap.sealed,
      check,
    );
    this.store.save(installId, blob);
    this.accept(blob, check);
  }

  /**
   * Opens the wrapped keys with the passphrase, off the main thread, writing nothing. Throws WRONG_PASSPHRASE.
   * A copy wrapped under older (cheaper) parameters comes back with a new wrapping for `rewrap` to store.
   */
  async open(passphrase: string): Promise<Opened> {
    const row = this.wrapRow();
    if (!row) throw new AppError('SETUP_REQUIRED', 'the shop has not been set up');
    const params = readJson(Kdf, row.kdf);
    let blob: Buffer;
    try {
      blob = open(
        await this.derive(passphrase, row.salt, { N: params.N, r: params.r, p: params.p }),
        row.sealed,
        WRAP_AAD,
      );
    } catch {
      throw new AppError('WRONG_PASSPHRASE', 'the recovery passphrase does not open the keys');
    }
    if (blob.length !== KEY_LEN * 2 || hmacHex(blob.subarray(0, KEY_LEN), CHECK_LABEL) !== row.key_check) {
      throw new AppError('WRONG_PASSPHRASE', 'the keys failed their check');
    }
    const current = kdfText({ N: params.N, r: params.r, p: params.p }) === kdfText(this.passphraseKdf);
    return { blob, check: row.key_check, rewrap: current ? null : await this.wrap(passphrase, blob) };
  }

  /** In the caller's transaction: store the new wrapping `open` made, if any, for the same keys. Its parameters, or null. */
  rewrap(opened: Opened): string | null {
    if (!opened.rewrap) return null;
    const row = this.wrapRow();
    // The wrapped copy changed since it was opened (a restore): this wrapping belongs to other keys.
    if (!row || row.key_check !== opened.check)
      throw new AppError('CONFLICT', 'the wrapped keys changed while the passphrase was checked', {});
    this.sql.run(
      'UPDATE key_wrap SET kdf = ?, salt = ?, sealed = ? WHERE id = 1',
      opened.rewrap.kdf,
      opened.rewrap.salt,
      opened.rewrap.sealed,
    );
    return opened.rewrap.kdf;
  }

  /** Holds the opened keys in memory only, writing nothing (a read-only look into a backup file). */
  adopt(opened: Opened): void {
    const row = this.wrapRow();
    if (!row || !this.accept(opened.blob, row.key_check))
      throw new AppError('WRONG_PASSPHRASE', 'the keys failed their check');
  }

  /** A new PC or user account, in the caller's transaction: keep the opened keys in this KeyStore from now on. */
  unlock(installId: string, opened: Opened): { rewrapped: string | null } {
    const rewrapped = this.rewrap(opened);
    const row = this.wrapRow();
    if (!row || !this.accept(opened.blob, row.key_check))
      throw new AppError('WRONG_PASSPHRASE', 'the keys failed their check');
    this.store.save(installId, opened.blob);
    return { rewrapped };
  }

  private ready(): { data: Buffer; hash: Buffer } {
    if (!this.material) throw new AppError('KEYS_LOCKED', 'the keys are locked: enter the recovery passphrase');
    return this.material;
  }

  encrypt(aad: string, plain: string): Buffer {
    return seal(this.ready().data, this.random.bytes(12), Buffer.from(plain, 'utf8'), aad);
  }

  decrypt(aad: string, sealed: Buffer): string {
    return open(this.ready().data, sealed, aad).toString('utf8');
  }

  /** HMAC-SHA256 with the hash key of an already normalised value: for local look-ups. */
  lookupHash(normalised: string): string {
    return hmacHex(this.ready().hash, normalised);
  }
}
