import { SandboxNotFoundError } from "@e2b/code-interpreter";
import { SANDBOX_TIMEOUT_MS } from "../command-defaults";
import type { CreateSandboxOptions, Sandbox, SandboxProvider } from "../port";
import { SandboxError } from "../port";
import { E2bSandbox } from "./e2b-sandbox";
import { realE2bSdk, type E2bSdk } from "./e2b-sdk";

export type E2bProviderOptions = {
  apiKey: string;
  /** E2B template name or id used when create() names none (E2B_TEMPLATE). */
  template: string;
  /** The SDK entry points; tests pass a double. */
  sdk?: E2bSdk;
};

/** Sandboxes on E2B, built from the template in sandbox-templates/ollio-web (see its README). */
export class E2bSandboxProvider implements SandboxProvider {
  readonly name = "e2b" as const;
  private readonly sdk: E2bSdk;

  constructor(private readonly options: E2bProviderOptions) {
    this.sdk = options.sdk ?? realE2bSdk;
  }

  async create(options: CreateSandboxOptions = {}): Promise<Sandbox> {
    const handle = await this.sdk.create(options.template ?? this.options.template, {
      apiKey: this.options.apiKey,
      timeoutMs: options.timeoutMs ?? SANDBOX_TIMEOUT_MS,
      // Same promise as the local sandbox: commands get no network. Previews still reach the
      // sandbox through E2B's ingress (previewUrl), which this setting does not affect.
      allowInternetAccess: false,
    });
    return new E2bSandbox(handle);
  }

  async connect(sandboxId: string): Promise<Sandbox> {
    try {
      return new E2bSandbox(await this.sdk.connect(sandboxId, { apiKey: this.options.apiKey }));
    } catch (error) {
      if (error instanceof SandboxNotFoundError) {
        throw new SandboxError(`Sandbox ${sandboxId} is gone (killed or expired).`, "gone");
      }
      throw error;
    }
  }
}
