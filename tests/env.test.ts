import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Loads src/env.ts in a fresh process, as start-up does, with exactly the given variables.
function loadEnv(vars: Record<string, string>) {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--eval", `import("./src/env.ts").then(() => console.log("env ok"))`],
    { cwd: path.resolve("."), env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...vars }, encoding: "utf8", timeout: 30_000 },
  );
  return { ok: result.status === 0 && result.stdout.includes("env ok"), output: result.stdout + result.stderr };
}

describe("environment validation at start-up", () => {
  it("accepts a minimal valid environment", () => {
    const { ok, output } = loadEnv({ DATABASE_URL: "postgresql://u:p@localhost:5432/ollio" });
    expect(output).toContain("env ok");
    expect(ok).toBe(true);
  });

  it("stops on a missing DATABASE_URL and names it", () => {
    const { ok, output } = loadEnv({});
    expect(ok).toBe(false);
    expect(output).toContain("DATABASE_URL");
  });

  it("stops on malformed values and names each variable", () => {
    const { ok, output } = loadEnv({
      DATABASE_URL: "mysql://localhost/ollio",
      PREVIEW_PORT: "not-a-port",
      SANDBOX_PROVIDER: "docker",
      SMTP_URL: "http://mail.example.com",
    });
    expect(ok).toBe(false);
    expect(output).toContain("SMTP_URL");
    expect(output).toContain("DATABASE_URL");
    expect(output).toContain("PREVIEW_PORT");
    expect(output).toContain("SANDBOX_PROVIDER");
  });

  it("validates the admin, model-list and secret-key variables", () => {
    const good = loadEnv({
      DATABASE_URL: "postgresql://u:p@localhost:5432/ollio",
      OLLIO_ADMIN_EMAILS: "Admin@Example.com, ops@example.com",
      OPENAI_MODELS: "qwen2.5-coder:14b,llama3.1:8b",
      OLLIO_SECRET_KEY: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    });
    expect(good.output).toContain("env ok");
    const bad = loadEnv({
      DATABASE_URL: "postgresql://u:p@localhost:5432/ollio",
      OLLIO_ADMIN_EMAILS: "admin@example.com, not-an-email",
      OLLIO_SECRET_KEY: "too-short",
    });
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain("OLLIO_ADMIN_EMAILS");
    expect(bad.output).toContain("OLLIO_SECRET_KEY");
  });
});
