import "./support/models-env";
import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { createSecretBox, loadOrCreateKeyFile, parseSecretKey } from "@/modules/models/server/secret-box";
import { teamApiKey } from "@/modules/models/server/team-model-settings";
import { getSecretBox } from "@/modules/models/server/team-secret-box";
import { testTeamConnection } from "@/modules/models/server/test-connection";
import { appRouter, createCaller } from "@/trpc/routers/_app";
import { addTeamMember, createTeamMember } from "../generation/support/fixtures";
import { rejection } from "../support/rejection";
import { startScriptedOpenAI, type ScriptedOpenAI } from "../support/scripted-openai";

const api = (auth: AuthContext) => createCaller({ db, auth });
const KEY = "sk-team-secret-XYZ-9876";

let provider: ScriptedOpenAI;
beforeAll(async () => {
  provider = await startScriptedOpenAI();
});
afterAll(() => provider.close());

async function trpcError(promise: Promise<unknown>) {
  const error = await rejection<TRPCError>(promise);
  expect(error).toBeInstanceOf(TRPCError);
  return error;
}

describe("team model settings", () => {
  it("list the instance's models; the owner picks the team default, only among them", async () => {
    const { auth } = await createTeamMember(db);
    expect(await api(auth).models.settings()).toMatchObject({
      models: ["router-test-model", "router-large"],
      instanceDefault: "router-test-model",
      defaultModel: null,
      effectiveModel: "router-test-model",
      apiKey: null,
      canManage: true,
    });
    await api(auth).models.setDefault({ model: "router-large" });
    expect(await api(auth).models.settings()).toMatchObject({ defaultModel: "router-large", effectiveModel: "router-large" });

    const unknown = await trpcError(api(auth).models.setDefault({ model: "gpt-9" }));
    expect(unknown).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("router-test-model, router-large") });
    await api(auth).models.setDefault({ model: null });
    expect((await api(auth).models.settings()).effectiveModel).toBe("router-test-model");
  });

  it("members and admins see the settings but cannot change them", async () => {
    const { team, auth: owner } = await createTeamMember(db);
    await api(owner).models.setApiKey({ apiKey: KEY });
    for (const role of ["ADMIN", "MEMBER"] as const) {
      const { auth } = await addTeamMember(db, team.id, role);
      expect(await api(auth).models.settings()).toMatchObject({ canManage: false, apiKey: { last4: "9876" } });
      const refusals = [
        api(auth).models.setDefault({ model: "router-large" }),
        api(auth).models.setApiKey({ apiKey: "sk-someone-else-0000" }),
        api(auth).models.removeApiKey(),
        api(auth).models.testConnection(),
      ];
      for (const refusal of refusals) {
        expect(await trpcError(refusal)).toMatchObject({ code: "FORBIDDEN", message: "Only the team's owner can change its model settings." });
      }
    }
    expect(await teamApiKey(db, await getSecretBox(), team.id)).toBe(KEY);
  });

  it("store the key sealed (AES-256-GCM, bound to the team) and show only its last 4 characters", async () => {
    const { auth } = await createTeamMember(db);
    const other = await createTeamMember(db);
    await api(auth).models.setApiKey({ apiKey: `  ${KEY}  ` });
    const row = await db.teamModelSettings.findUniqueOrThrow({ where: { teamId: auth.teamId } });
    expect(row.apiKeyEncrypted).toMatch(/^v1:/);
    expect(row.apiKeyEncrypted).not.toContain(KEY);
    expect(row.apiKeyLast4).toBe("9876");
    expect(await teamApiKey(db, await getSecretBox(), auth.teamId)).toBe(KEY);

    // Copied to another team's row, the ciphertext does not open.
    await db.teamModelSettings.create({ data: { teamId: other.team.id, apiKeyEncrypted: row.apiKeyEncrypted, apiKeyLast4: "9876", apiKeyUpdatedAt: new Date() } });
    const copied = await rejection(teamApiKey(db, await getSecretBox(), other.team.id));
    expect(copied).toMatchObject({ code: "PRECONDITION_FAILED" });

    for (const apiKey of ["short", "sk with spaces inside"]) {
      expect((await trpcError(api(auth).models.setApiKey({ apiKey }))).code).toBe("BAD_REQUEST");
    }
    await api(auth).models.removeApiKey();
    expect((await api(auth).models.settings()).apiKey).toBeNull();
    expect(await teamApiKey(db, await getSecretBox(), auth.teamId)).toBeNull();
  });

  it("never return the key (or its ciphertext) from any procedure", async () => {
    const { auth } = await createTeamMember(db);
    await api(auth).models.setApiKey({ apiKey: KEY });
    const sealed = (await db.teamModelSettings.findUniqueOrThrow({ where: { teamId: auth.teamId } })).apiKeyEncrypted!;
    const caller = api(auth);
    const outputs = {
      settings: await caller.models.settings(),
      setDefault: await caller.models.setDefault({ model: "router-large" }),
      setApiKey: await caller.models.setApiKey({ apiKey: KEY }),
      testConnection: await caller.models.testConnection(),
      plan: await caller.teamUsage.plan(),
      report: await caller.teamUsage.report({ month: "2026-12" }),
      requestPlanChange: await caller.teamUsage.requestPlanChange({ plan: "PRO" }),
      usage: await caller.usage.status(),
      projects: await caller.projects.list(),
    };
    // The models router is covered whole: a new procedure must be added above.
    const modelProcedures = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith("models."));
    expect(modelProcedures.sort()).toEqual(["models.removeApiKey", "models.setApiKey", "models.setDefault", "models.settings", "models.testConnection"]);
    const text = JSON.stringify(outputs);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.slice(0, -4));
    expect(text).not.toContain(sealed.slice(3, 23));
    expect(outputs.settings.apiKey).toMatchObject({ last4: "9876" });
    // The env-configured provider (127.0.0.1:9) is not listening: the test says so, without the key.
    expect(outputs.testConnection).toEqual({ ok: false, message: "Could not test the key: it could not be reached." });
  });
});

describe("test connection", () => {
  it("calls GET {base}/models with the team's key and reports whether the provider accepted it", async () => {
    const { auth } = await createTeamMember(db);
    const box = await getSecretBox();
    await api(auth).models.setApiKey({ apiKey: KEY });
    provider.acceptKeys([KEY]);
    expect(await testTeamConnection(db, box, auth, provider.model)).toEqual({ ok: true, message: "The provider accepted the team's key." });
    expect(provider.modelListKeys.at(-1)).toBe(KEY);

    provider.acceptKeys(["sk-only-this-one"]);
    expect(await testTeamConnection(db, box, auth, provider.model)).toEqual({ ok: false, message: "The provider refused the team's key (HTTP 401)." });
  });

  it("asks for a key first", async () => {
    const { auth } = await createTeamMember(db);
    const error = await rejection(testTeamConnection(db, await getSecretBox(), auth, provider.model));
    expect(error).toMatchObject({ code: "PRECONDITION_FAILED", message: "Set the team's API key first, then test it." });
  });
});

describe("the secret key", () => {
  it("comes from OLLIO_SECRET_KEY when set", async () => {
    const box = createSecretBox(parseSecretKey(process.env.OLLIO_SECRET_KEY!));
    const sealed = (await getSecretBox()).seal("hello", "team-1");
    expect(box.open(sealed, "team-1")).toBe("hello");
  });

  it("is otherwise generated once under the data directory, readable only by its owner", async () => {
    // Several processes starting at once each get the one key, never a half-written file's.
    for (let round = 0; round < 300; round++) {
      const racing = path.join(await mkdtemp(path.join(os.tmpdir(), "ollio-secret-")), ".data");
      const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateKeyFile(racing)));
      expect(keys.map((key) => key.toString("hex"))).toEqual(Array(8).fill(keys[0]!.toString("hex")));
      expect(keys[0]).toHaveLength(32);
      expect(await readdir(racing)).toEqual(["secret-key"]);
    }
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), "ollio-secret-")), ".data");
    const first = await loadOrCreateKeyFile(dir);
    expect(first).toHaveLength(32);
    expect((await stat(path.join(dir, "secret-key"))).mode & 0o777).toBe(0o600);
    expect(parseSecretKey((await readFile(path.join(dir, "secret-key"), "utf8")).trim()).equals(first)).toBe(true);
    expect((await loadOrCreateKeyFile(dir)).equals(first)).toBe(true);
  });

  it("fails closed: a tampered ciphertext does not open", () => {
    const box = createSecretBox(Buffer.alloc(32, 7));
    const sealed = box.seal("secret", "t");
    const tampered = sealed.slice(0, -4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(() => box.open(tampered, "t")).toThrow();
  });
});
