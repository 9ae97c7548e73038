// Console accounts (head-office.md). The first owner is made once by `create-owner`; passwords are scrypt hashes.
import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { Count } from './db/rows';
import type { Db } from './db/types';

const derive = promisify(scrypt) as (
  p: string,
  salt: Buffer,
  len: number,
  o: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export class PeopleError extends Error {
  override name = 'PeopleError';
}

/** `scrypt$N$r$p$salt$hash`, base64 parts. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const h = await derive(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${h.toString('base64')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [tag, n, r, p, salt, hash] = stored.split('$');
  if (tag !== 'scrypt' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = await derive(password, Buffer.from(salt, 'base64'), want.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return timingSafeEqual(got, want);
}

export class People {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** The first owner account; refused once any account exists (the console makes the rest). */
  async createOwner(name: string, password: string): Promise<{ id: string }> {
    if (!name.trim() || name.length > 60) throw new PeopleError('a name has 1 to 60 characters');
    if (password.length < 12) throw new PeopleError('a password has at least 12 characters');
    const hash = await hashPassword(password);
    const id = randomUUID();
    await this.db.tx(async (q) => {
      // One at a time even with two commands run at once.
      await q.exec('LOCK TABLE people IN EXCLUSIVE MODE');
      if (((await q.get(Count, 'SELECT COUNT(*)::int AS n FROM people'))?.n ?? 0) > 0)
        throw new PeopleError('an account exists already: create-owner is for the first one only');
      await q.run("INSERT INTO people (id, name, role, password_hash, created_at) VALUES ($1, $2, 'owner', $3, $4)", [
        id,
        name.trim(),
        hash,
        this.now(),
      ]);
    });
    return { id };
  }
}
