import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";

/**
 * Host-wide state of Ollio as root, outside any checkout: things other uids must reach (Postgres
 * binaries and data for the `postgres` user) or that several instances share (sandbox uid claims).
 * The directory itself is 0755, root-owned; each entry sets its own mode.
 */
export const HOST_STATE_DIR = "/var/lib/ollio";

/** Creates HOST_STATE_DIR/<name> with `mode`, and the state directory itself enterable by all. */
export async function hostStateSubdir(name: string, mode: number): Promise<string> {
  await mkdir(HOST_STATE_DIR, { recursive: true, mode: 0o755 });
  await chmod(HOST_STATE_DIR, 0o755);
  const dir = path.join(HOST_STATE_DIR, name);
  await mkdir(dir, { recursive: true, mode });
  return dir;
}
