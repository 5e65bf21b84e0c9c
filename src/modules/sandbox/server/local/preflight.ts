import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import { SandboxError } from "../port";

const INSTALL_HINT =
  "Install it with `apt-get install bubblewrap` (Debian/Ubuntu; `dnf install bubblewrap` on Fedora), " +
  "or set E2B_API_KEY to run sandboxes on E2B. Ollio never runs agent commands unsandboxed.";

/** The absolute path of `bwrap` on PATH, or a refusal naming the package to install. */
export function findBwrap(searchPath = process.env.PATH ?? ""): string {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, "bwrap");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new SandboxError(`The local sandbox needs bubblewrap, but \`bwrap\` is not on PATH. ${INSTALL_HINT}`, "unavailable");
}

/** bash when the host has it (E2B runs commands with bash too), else POSIX sh. */
export function sandboxShell(): string {
  return existsSync("/usr/bin/bash") || existsSync("/bin/bash") ? "/bin/bash" : "/bin/sh";
}

/** The refusal when bwrap exists but a trial sandbox fails, with the usual causes. */
export function smokeTestFailure(detail: string): SandboxError {
  return new SandboxError(
    `The local sandbox is unavailable: a trial bubblewrap sandbox failed (${detail.trim() || "no output"}). ` +
      "bubblewrap needs unprivileged user namespaces: check `sysctl kernel.unprivileged_userns_clone` (Debian) " +
      "and `kernel.apparmor_restrict_unprivileged_userns` (Ubuntu 24.04+), and in a container allow them " +
      "(e.g. a seccomp profile that permits clone/unshare of namespaces). util-linux `prlimit` must also be installed, " +
      "and when Ollio runs as root, SANDBOX_ROOT's parent directories must be enterable by other users (like /tmp). " +
      INSTALL_HINT,
    "unavailable",
  );
}
