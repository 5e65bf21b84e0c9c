import { existsSync, lstatSync, readlinkSync } from "node:fs";
import { APP_DIR } from "../paths";
import { prlimitArgs, type CommandLimits } from "./limits";

/** The sandbox user inside the namespace, like E2B's `user`. */
export const SANDBOX_USER = { name: "user", uid: 1000, gid: 1000, home: "/home/user" } as const;

/** The whole environment a command sees: nothing of the app's (no secrets, no DATABASE_URL). */
export const SANDBOX_ENV: Readonly<Record<string, string>> = {
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  HOME: SANDBOX_USER.home,
  USER: SANDBOX_USER.name,
  LANG: "C.UTF-8",
};

// Read-only from the host: programs and their libraries, and the few /etc files the dynamic
// loader and libc read. Not /etc as a whole (no shadow, no host passwd, no app config).
// `fonts` is fontconfig's configuration (no secrets): without it the page check's Chromium falls
// back to one serif font for everything, and screenshots look unlike the user's browser.
const HOST_ETC_FILES = ["ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "localtime", "fonts"];
const USR_MERGE_DIRS = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"];

/** Generated /etc files (see workspace-root.ts), bound read-only over an empty /etc. */
export const GENERATED_ETC_FILES = ["passwd", "group", "hosts", "nsswitch.conf"];

/** bwrap arguments for the host's system directories; computed once, the layout does not change. */
export function hostSystemArgs(): string[] {
  const args = ["--ro-bind", "/usr", "/usr"];
  for (const name of USR_MERGE_DIRS) {
    const host = `/${name}`;
    const info = lstatSync(host, { throwIfNoEntry: false });
    if (!info) continue;
    // Merged-/usr systems have /bin -> usr/bin: recreate the link instead of binding a second copy.
    if (info.isSymbolicLink()) args.push("--symlink", readlinkSync(host), host);
    else if (info.isDirectory()) args.push("--ro-bind", host, host);
  }
  args.push("--dir", "/etc");
  for (const name of HOST_ETC_FILES) {
    if (existsSync(`/etc/${name}`)) args.push("--ro-bind", `/etc/${name}`, `/etc/${name}`);
  }
  return args;
}

export type BwrapCommand = {
  systemArgs: string[];
  /** Host directory holding the generated /etc files. */
  etcDir: string;
  /** Host path of the workspace, bound read-write at APP_DIR. */
  workspace: string;
  /** Working directory relative to APP_DIR ("" for APP_DIR itself). */
  cwd: string;
  limits: CommandLimits;
  shell: string;
  command: string;
};

/**
 * bwrap's options and the command for one sandboxed run. Order matters to bwrap: mounts are made
 * in sequence, and `--remount-ro /` comes last so the root tmpfs (where bwrap creates mount
 * points) is read-only while the sized tmpfs mounts and the workspace stay writable.
 */
export function bwrapArgs(spec: BwrapCommand): { options: string[]; command: string[] } {
  const { limits } = spec;
  const env = Object.entries(SANDBOX_ENV).flatMap(([key, value]) => ["--setenv", key, value]);
  const cwd = spec.cwd === "" ? APP_DIR : `${APP_DIR}/${spec.cwd}`;
  const options = [
    // Every namespace: user, pid, net (only `lo`), ipc, uts, cgroup, mount.
    "--unshare-all",
    "--unshare-user",
    // No nested user namespaces: closes the kernel surface they expose.
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
    "--cap-drop",
    "ALL",
    "--hostname",
    "sandbox",
    ...spec.systemArgs,
    ...GENERATED_ETC_FILES.flatMap((name) => ["--ro-bind", `${spec.etcDir}/${name}`, `/etc/${name}`]),
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    // Memory-backed mounts are sized, or a command could fill RAM through them.
    "--size",
    String(8 * 1024 * 1024),
    "--tmpfs",
    "/dev/shm",
    "--size",
    String(limits.tmpBytes),
    "--tmpfs",
    "/tmp",
    "--size",
    String(limits.homeBytes),
    "--tmpfs",
    SANDBOX_USER.home,
    "--bind",
    spec.workspace,
    APP_DIR,
    "--remount-ro",
    "/",
    "--chdir",
    cwd,
    "--clearenv",
    ...env,
    "--uid",
    String(SANDBOX_USER.uid),
    "--gid",
    String(SANDBOX_USER.gid),
  ];
  const command = [
    "prlimit",
    ...prlimitArgs(limits),
    "--",
    // Lower priority so a busy sandbox cannot slow the app itself.
    "nice",
    "-n",
    "10",
    ...shellCommand(spec.shell, spec.command),
  ];
  return { options, command };
}

/**
 * bwrap passes on every descriptor the app inherited without close-on-exec (from a supervisor,
 * say). With bash, a first shell closes all but stdin/stdout/stderr, then execs a clean shell
 * with the command, so `$0`, `$@` and the rest behave as in `bash -c`. (No `2>/dev/null` on the
 * loop: an `exec` inside a redirected loop would make that redirection permanent.)
 */
const CLOSE_INHERITED_FDS =
  'for fd in /proc/self/fd/*; do fd=${fd##*/}; if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done; exec "$0" -c "$1"';

function shellCommand(shell: string, command: string): string[] {
  // POSIX sh cannot name descriptors above 9; without bash the inherited ones stay (docs/sandbox.md).
  if (!shell.endsWith("bash")) return [shell, "-c", command];
  return [shell, "-c", CLOSE_INHERITED_FDS, shell, command];
}
