import { Sandbox as SdkSandbox, type CommandResult as SdkCommandResult, type EntryInfo } from "@e2b/code-interpreter";

/**
 * The slice of the E2B SDK the adapter uses, as plain interfaces: the SDK's classes have private
 * members, so a test double could not stand in for them otherwise. `realSdkFits` below makes the
 * compiler prove the real SDK still has this shape whenever the package is upgraded.
 */
export interface E2bCommandHandle {
  /** Resolves on exit code 0; rejects with CommandExitError otherwise. */
  wait(): Promise<SdkCommandResult>;
  kill(): Promise<boolean>;
}

export interface E2bSandboxHandle {
  readonly sandboxId: string;
  files: {
    write(path: string, data: string): Promise<unknown>;
    read(path: string): Promise<string>;
    list(path: string, opts?: { depth?: number }): Promise<EntryInfo[]>;
    getInfo(path: string): Promise<EntryInfo>;
  };
  commands: {
    run(
      cmd: string,
      opts: {
        background: true;
        cwd?: string;
        timeoutMs?: number;
        onStdout?: (data: string) => void;
        onStderr?: (data: string) => void;
      },
    ): Promise<E2bCommandHandle>;
  };
  getHost(port: number): string;
  setTimeout(timeoutMs: number): Promise<void>;
  kill(): Promise<boolean>;
}

export type E2bCreateOptions = { apiKey?: string; timeoutMs?: number; allowInternetAccess?: boolean };

export interface E2bSdk {
  create(template: string, opts: E2bCreateOptions): Promise<E2bSandboxHandle>;
  connect(sandboxId: string, opts: { apiKey?: string }): Promise<E2bSandboxHandle>;
}

export const realE2bSdk: E2bSdk = {
  create: (template, opts) => SdkSandbox.create(template, opts),
  connect: (sandboxId, opts) => SdkSandbox.connect(sandboxId, opts),
};

// Compile-time only: fails to type-check if the SDK's Sandbox stops matching E2bSandboxHandle.
export const realSdkFits = (sandbox: SdkSandbox): E2bSandboxHandle => sandbox;
