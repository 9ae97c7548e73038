// The shop's keys (spec §6): a data key for field encryption and a hash key for look-ups, kept outside the
// data directory by the KeyStore and, inside the database, wrapped by the owner's recovery passphrase.
import { AppError } from '../../../shared/contract';
import { normalise } from '../../../shared/domain/normalise';
import { z } from 'zod';
import { KeyWrapRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { readJson } from '../db/stored';
import type { KeyStore, Random } from '../ports';
import { hmacHex, open, PASSPHRASE_SCRYPT, scrypt, seal, type ScryptParams } from './crypto';

const CHECK_LABEL = 'carddesk key check v1';
const WRAP_AAD = 'key_wrap';
const KEY_LEN = 32;

const WrapLine = KeyWrapRow.pick({ kdf: true, salt: true, sealed: true, key_check: true });
/** key_wrap.kdf: the scrypt parameters the passphrase was wrapped with (`alg` says which function). */
const Kdf = z.object({ alg: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number() });

/** Passphrases are compared after the same normalisation as card numbers: spaces, dashes and case do not matter. */
export function normalisePassphrase(raw: string): string {
  return normalise(raw);
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Six groups of four from an alphabet without look-alikes: 120 random bits. */
export function makePassphrase(random: Random): string {
  const bytes = random.bytes(24);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]);
  return [0, 4, 8, 12, 16, 20].map((i) => chars.slice(i, i + 4).join('')).join('-');
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

  private derive(passphrase: string, salt: Buffer, params: ScryptParams): Buffer {
    return scrypt(normalisePassphrase(passphrase), salt, params);
  }

  /** First run: make the keys, wrap them with the passphrase (in the caller's transaction) and save them to the KeyStore. */
  create(installId: string, passphrase: string): void {
    const blob = this.random.bytes(KEY_LEN * 2);
    const salt = this.random.bytes(16);
    const params = this.passphraseKdf;
    const kek = this.derive(passphrase, salt, params);
    const check = hmacHex(blob.subarray(0, KEY_LEN), CHECK_LABEL);
    this.sql.run(
      'INSERT INTO key_wrap (id, kdf, salt, sealed, key_check) VALUES (1, ?, ?, ?, ?)',
      JSON.stringify({ alg: 'scrypt', ...params }), salt, seal(kek, this.random.bytes(12), blob, WRAP_AAD), check,
    );
    this.store.save(installId, blob);
    this.accept(blob, check);
  }

  private unwrap(passphrase: string): Buffer {
    const row = this.wrapRow();
    if (!row) throw new AppError('SETUP_REQUIRED', 'the shop has not been set up');
    const params = readJson(Kdf, row.kdf);
    try {
      return open(this.derive(passphrase, row.salt, { N: params.N, r: params.r, p: params.p }), row.sealed, WRAP_AAD);
    } catch {
      throw new AppError('WRONG_PASSPHRASE', 'the recovery passphrase does not open the keys');
    }
  }

  /** Throws WRONG_PASSPHRASE unless the passphrase opens the wrapped keys. */
  checkPassphrase(passphrase: string): void {
    this.unwrap(passphrase);
  }

  /** A new PC or user account: unwrap with the passphrase and keep the keys in this KeyStore from now on. */
  unlock(installId: string, passphrase: string): void {
    const blob = this.unwrap(passphrase);
    const row = this.wrapRow();
    if (!row || !this.accept(blob, row.key_check)) throw new AppError('WRONG_PASSPHRASE', 'the keys failed their check');
    this.store.save(installId, blob);
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
