import path from "node:path";
import { env } from "@/env";
import { createSecretBox, loadOrCreateKeyFile, parseSecretKey, type SecretBox } from "./secret-box";

let box: Promise<SecretBox> | null = null;

/** The instance's secret box: OLLIO_SECRET_KEY, else the generated key under .data/. */
export function getSecretBox(): Promise<SecretBox> {
  box ??= (async () =>
    createSecretBox(env.OLLIO_SECRET_KEY ? parseSecretKey(env.OLLIO_SECRET_KEY) : await loadOrCreateKeyFile(path.resolve(".data"))))();
  return box;
}
