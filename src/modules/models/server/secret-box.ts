import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * AES-256-GCM for secrets stored in the database (teams' API keys). Stored form:
 * "v1:" + base64(iv ‖ tag ‖ ciphertext). The associated data binds a ciphertext to its owner
 * (the team id): a value copied to another row does not decrypt.
 */
const VERSION = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SecretBox = { seal(plain: string, owner: string): string; open(sealed: string, owner: string): string };

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("The secret key must be 32 bytes.");
  return {
    seal(plain, owner) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(owner, "utf8"));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
    },
    open(sealed, owner) {
      if (!sealed.startsWith(VERSION)) throw new Error("Unknown secret format.");
      const raw = Buffer.from(sealed.slice(VERSION.length), "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(owner, "utf8"));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    },
  };
}

/** OLLIO_SECRET_KEY (hex or base64, validated in env.ts) as bytes. */
export function parseSecretKey(value: string): Buffer {
  return /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
}

/**
 * The embedded default when OLLIO_SECRET_KEY is unset: a random key generated once in
 * `<dataDir>/secret-key`, readable only by this user (0600). Losing it makes stored keys
 * undecryptable (owners then set them again), never readable by someone else.
 */
export async function loadOrCreateKeyFile(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, "secret-key");
  try {
    return parseSecretKey((await readFile(file, "utf8")).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // Written whole under a private name, then linked into place: link() fails with EEXIST when
  // another process got there first, and the name never points at a half-written file (with
  // writeFile's "wx" the loser could read the winner's file while it was still empty).
  const draft = `${file}.${process.pid}.${randomBytes(6).toString("hex")}`;
  await writeFile(draft, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    await link(draft, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return parseSecretKey((await readFile(file, "utf8")).trim());
  } finally {
    await unlink(draft).catch(() => {});
  }
}
