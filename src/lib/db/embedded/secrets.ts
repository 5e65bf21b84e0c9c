import { randomBytes } from "node:crypto";
import { chmod, readFile, writeFile } from "node:fs/promises";

/**
 * Passwords of one embedded data directory, generated on its first start and kept in a 0600 file
 * beside it (`.data/postgres-secret.json` for `.data/postgres`). Never in the repository.
 */
export type ClusterSecrets = { superuser: string; app: string };

export function secretsFileFor(dataDir: string): string {
  return `${dataDir}-secret.json`;
}

export async function readSecrets(file: string): Promise<ClusterSecrets | null> {
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return null;
  await chmod(file, 0o600);
  const parsed = JSON.parse(text) as Partial<ClusterSecrets>;
  if (typeof parsed.superuser !== "string" || typeof parsed.app !== "string") {
    throw new Error(`${file} is not a valid Ollio database secret file: remove it and the data directory beside it to start fresh.`);
  }
  return { superuser: parsed.superuser, app: parsed.app };
}

export function newSecrets(): ClusterSecrets {
  return { superuser: randomBytes(32).toString("base64url"), app: randomBytes(32).toString("base64url") };
}

export async function writeSecrets(file: string, secrets: ClusterSecrets): Promise<void> {
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  await chmod(file, 0o600); // an existing file keeps its mode on write
}
