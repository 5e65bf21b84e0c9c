/**
 * The sandbox port, shaped like E2B's SDK so the E2B adapter is thin and the local bubblewrap
 * adapter is a drop-in. Domain code (agent tools, the generation workflow) knows only this file.
 *
 * Paths given to `files.*` are relative to the sandbox's app directory; an adapter refuses any
 * path that escapes it (`..`, absolute paths, symlinks pointing out) with a SandboxError.
 */

export type CommandResult = {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout/stderr were cut to the output cap. */
  truncated: boolean;
  /** Set when the sandbox stopped the command: timeout, output/disk/memory/process limit… */
  limitExceeded?: "timeout" | "output" | "disk" | "memory" | "processes" | "cpu" | "file-size";
};

export type RunCommandOptions = {
  timeoutMs?: number;
  /** Relative to the app directory; default the app directory itself. */
  cwd?: string;
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /**
   * Which limits apply: "agent" (default) for the agent's commands; "page-check" for Ollio's own
   * headless-browser check (checkApp), which needs more threads, memory and output (see
   * docs/check.md). Never taken from the model.
   */
  profile?: CommandProfile;
};

export type CommandProfile = "agent" | "page-check";

export type SandboxFileEntry = { path: string; type: "file" | "dir"; size: number };

export interface Sandbox {
  readonly id: string;
  files: {
    write(path: string, content: string): Promise<void>;
    read(path: string): Promise<string>;
    /** Every file and directory under `dir` (default: the whole app directory), recursively. */
    list(dir?: string): Promise<SandboxFileEntry[]>;
  };
  commands: {
    run(command: string, options?: RunCommandOptions): Promise<CommandResult>;
  };
  /** A live URL for a server listening on `port` inside the sandbox, or null if this adapter has none. */
  previewUrl(port: number): string | null;
  /** Extends the sandbox's life (E2B bills by time; the local adapter reaps idle workspaces). */
  setTimeout(timeoutMs: number): Promise<void>;
  kill(): Promise<void>;
}

export type CreateSandboxOptions = {
  /** Template name: a folder under sandbox-templates/ (local) or an E2B template id/alias. */
  template?: string;
  /** How long the sandbox may live without being extended. */
  timeoutMs?: number;
};

export interface SandboxProvider {
  readonly name: "local" | "e2b";
  create(options?: CreateSandboxOptions): Promise<Sandbox>;
  connect(sandboxId: string): Promise<Sandbox>;
}

/** A refusal or failure the agent can read and act on (bad path, too many files, sandbox gone…). */
export class SandboxError extends Error {
  constructor(
    message: string,
    readonly code:
      | "path-escape"
      | "not-found"
      | "too-large"
      | "too-many-files"
      | "quota"
      | "unavailable"
      | "gone" = "unavailable",
  ) {
    super(message);
    this.name = "SandboxError";
  }
}

/** One thing the in-sandbox browser saw go wrong while loading the page. */
export type PageProblem = {
  kind: "exception" | "console-error" | "missing-file" | "csp" | "load";
  message: string;
  /** The URL the problem came from (the page, a script, or the file that failed to load). */
  url?: string;
  line?: number;
  column?: number;
  status?: number;
};

export type PageViewportResult = {
  name: string;
  width: number;
  height: number;
  /** The load event fired within the load timeout. */
  loaded: boolean;
  /** The viewport showed a single colour everywhere; null when it could not be captured. */
  blank: boolean | null;
  problems: PageProblem[];
  /** JPEG captured by Chromium, base64; null when none fit the size bound. */
  screenshot: { data: string; width: number; height: number; bytes: number; quality: number } | null;
};

/** What checkApp reports: the browser ran (`checked`), or why the check could not run. */
export type AppCheckResult =
  | {
      kind: "checked";
      durationMs: number;
      launchMs: number;
      viewports: PageViewportResult[];
      /** Peak threads and memory of the sandbox's processes during the check. */
      peak: { threads: number; rssBytes: number; privateBytes: number };
    }
  | { kind: "unavailable"; reason: string };

export { checkApp, type CheckAppOptions } from "./check/check-app";
