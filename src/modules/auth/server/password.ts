import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { passwordHashing } from "./bounded-hashing";

/**
 * Password hashing with node:crypto scrypt (memory-hard, no native add-on to build). The stored
 * string is self-describing, PHC style: `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64, no padding),
 * so the cost can be raised later without breaking existing hashes.
 */
const CURRENT = { ln: 15, r: 8, p: 1 } as const; // N = 2^15: ~32 MiB and ~100 ms per hash
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds for parameters read back from the database, so a corrupted row cannot ask for gigabytes.
const LIMITS = { ln: [10, 20], r: [1, 32], p: [1, 16] } as const;

type ScryptParams = { ln: number; r: number; p: number };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, CURRENT, KEY_BYTES);
  const { ln, r, p } = CURRENT;
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
}

/** Constant-time check of `password` against a string made by `hashPassword`. Malformed input is a mismatch. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/**
 * Spends the same work as `verifyPassword` and always fails. Used when the email is unknown (or
 * has no password) so the response time does not reveal which accounts exist.
 */
export async function verifyPasswordOfNoAccount(password: string): Promise<false> {
  await derive(password, randomBytes(SALT_BYTES), CURRENT, KEY_BYTES);
  return false;
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const match = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (!match) return null;
  const [, ln, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
  const params = { ln: Number(ln), r: Number(r), p: Number(p) };
  const inRange = (value: number, [min, max]: readonly [number, number]) => value >= min && value <= max;
  if (!inRange(params.ln, LIMITS.ln) || !inRange(params.r, LIMITS.r) || !inRange(params.p, LIMITS.p)) return null;
  const keyBytes = Buffer.from(key, "base64");
  if (keyBytes.length < 16) return null;
  return { params, salt: Buffer.from(salt, "base64"), key: keyBytes };
}

function derive(password: string, salt: Buffer, { ln, r, p }: ScryptParams, keyLength: number): Promise<Buffer> {
  const N = 2 ** ln;
  // scrypt needs ~128·N·r bytes; Node's default 32 MiB cap is exactly too small for N=2^15, r=8.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  // NFKC so the same password typed on different keyboards/OSes hashes the same (NIST SP 800-63B).
  const normalized = password.normalize("NFKC");
  // Bounded, so hashing never takes the whole libuv pool from file and DNS work (bounded-hashing.ts).
  return passwordHashing.run(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(normalized, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
      ),
  );
}

function b64(bytes: Buffer) {
  return bytes.toString("base64").replace(/=+$/, "");
}
