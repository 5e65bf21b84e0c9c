import "../generation/support/model-env";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { startPreviewServer, type PreviewServer } from "@/modules/preview/server";
import { findPreviewGrant, newPreviewToken } from "@/modules/preview/server/preview-token";
import { findActiveShareLink } from "@/modules/sharing/server/find-share-link";
import { createShareLink } from "@/modules/sharing/server/share-links";
import { hashShareToken, isShareToken } from "@/modules/sharing/server/share-token";
import { createCaller } from "@/trpc/routers/_app";
import { addTeamMember, createProject, createTeamMember } from "../generation/support/fixtures";
import { rejection } from "../support/rejection";
import { seedAgentVersion } from "../versions/support/seed";

afterAll(() => stopBoss(env.DATABASE_URL));

const api = (auth: AuthContext) => createCaller({ db, auth });
const FILES = { "index.html": "<!doctype html><h1>Shared</h1>", "styles.css": "h1{color:teal}" };
const tokenOf = (url: string) => decodeURIComponent(new URL(url).pathname.split("/").pop()!);

let server: PreviewServer;
beforeAll(async () => {
  server = await startPreviewServer({ port: 0, host: "127.0.0.1", appUrl: "http://localhost:3000", previewOrigin: "http://localhost:3001" });
});
afterAll(() => server?.close());

async function sharedVersion() {
  const owner = await createTeamMember(db, { credits: 5 });
  const project = await createProject(db, owner.auth, "Landing");
  const v1 = await seedAgentVersion(db, project.id, FILES);
  return { owner, project, v1 };
}

describe("share links", () => {
  it("makes a public link to one version with a 256-bit token stored only as its hash", async () => {
    const { owner, project, v1 } = await sharedVersion();
    const link = await api(owner.auth).sharing.create({ fragmentId: v1.id });
    expect(link.url).toMatch(new RegExp(`^${env.APP_URL.replace(/\/$/, "")}/s/s_[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(link.url);
    expect(isShareToken(token)).toBe(true);
    const row = await db.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row).toMatchObject({ projectId: project.id, fragmentId: v1.id, createdById: owner.auth.userId, expiresAt: null, revokedAt: null });
    expect(row.tokenHash).toBe(hashShareToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await findActiveShareLink(db, token)).toMatchObject({ fragmentId: v1.id, number: 1, title: "Version 1", projectName: "Landing" });
  });

  it("lists a project's links with who made them and their state", async () => {
    const { owner, project, v1 } = await sharedVersion();
    const teammate = await addTeamMember(db, owner.team.id);
    await api(owner.auth).sharing.create({ fragmentId: v1.id, expiresInDays: 7 });
    const second = await api(teammate.auth).sharing.create({ fragmentId: v1.id });
    await api(owner.auth).sharing.revoke({ linkId: second.id });
    const list = await api(owner.auth).sharing.list({ projectId: project.id });
    expect(list.map((l) => [l.createdBy, l.status, l.version.number])).toEqual([
      [teammate.user.name, "revoked", 1],
      ["You", "active", 1],
    ]);
    expect(list[1]!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
  });

  it("serves the version's files through the preview server under the share token, never cached", async () => {
    const { owner, v1 } = await sharedVersion();
    const token = tokenOf((await api(owner.auth).sharing.create({ fragmentId: v1.id })).url);
    const page = await fetch(`${server.url}/p/${token}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<h1>Shared</h1>");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const css = await fetch(`${server.url}/p/${token}/styles.css`);
    expect([css.status, css.headers.get("cache-control")]).toEqual([200, "no-store"]);
    expect((await fetch(`${server.url}/p/${token}/missing.js`)).headers.get("cache-control")).toBe("no-store");
    // The version's own preview token stays immutable.
    expect((await fetch(`${server.url}/p/${v1.previewToken}/`)).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("after revocation the token opens nothing: the lookup, the page's files and the index all answer 404", async () => {
    const { owner, v1 } = await sharedVersion();
    const link = await api(owner.auth).sharing.create({ fragmentId: v1.id });
    const token = tokenOf(link.url);
    expect((await fetch(`${server.url}/p/${token}/styles.css`)).status).toBe(200);
    await api(owner.auth).sharing.revoke({ linkId: link.id });
    expect(await findActiveShareLink(db, token)).toBeNull();
    expect(await findPreviewGrant(db, token)).toBeNull();
    for (const path of ["/", "/styles.css", ""]) expect((await fetch(`${server.url}/p/${token}${path}`, { redirect: "manual" })).status).toBe(404);
    // Revoking again changes nothing.
    const revokedAt = (await db.shareLink.findUniqueOrThrow({ where: { id: link.id } })).revokedAt;
    await api(owner.auth).sharing.revoke({ linkId: link.id });
    expect((await db.shareLink.findUniqueOrThrow({ where: { id: link.id } })).revokedAt).toEqual(revokedAt);
  });

  it("an expired link answers 404 from the moment it expires", async () => {
    const { owner, v1 } = await sharedVersion();
    const created = new Date(Date.now() - 2 * 86_400_000);
    const link = await createShareLink(db, owner.auth, { fragmentId: v1.id, expiresInDays: 1 }, { appUrl: "http://app.test", now: created });
    const token = tokenOf(link.url);
    expect(await findActiveShareLink(db, token, new Date(created.getTime() + 3_600_000))).not.toBeNull();
    expect(await findActiveShareLink(db, token)).toBeNull();
    expect((await fetch(`${server.url}/p/${token}/`)).status).toBe(404);
  });

  it("a well-formed but unknown share token, or a preview token in share form, opens nothing", async () => {
    expect(await findPreviewGrant(db, `s_${newPreviewToken()}`)).toBeNull();
    expect((await fetch(`${server.url}/p/s_${newPreviewToken()}/`)).status).toBe(404);
    expect(await findActiveShareLink(db, newPreviewToken())).toBeNull();
  });

  it("only the project's team may share, list or revoke: others get NOT_FOUND and nothing changes", async () => {
    const { owner, project, v1 } = await sharedVersion();
    const link = await api(owner.auth).sharing.create({ fragmentId: v1.id });
    const stranger = await createTeamMember(db);
    const outsider = api(stranger.auth);
    const before = await db.shareLink.findMany({ where: { projectId: project.id } });
    for (const call of [
      () => outsider.sharing.create({ fragmentId: v1.id }),
      () => outsider.sharing.list({ projectId: project.id }),
      () => outsider.sharing.revoke({ linkId: link.id }),
    ]) {
      expect(await rejection<TRPCError>(call())).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await db.shareLink.findMany({ where: { projectId: project.id } })).toEqual(before);
  });

  it("refuses an expiry outside 1..365 days", async () => {
    const { owner, v1 } = await sharedVersion();
    for (const expiresInDays of [0, 366, 1.5]) {
      expect(await rejection(api(owner.auth).sharing.create({ fragmentId: v1.id, expiresInDays }))).toMatchObject({ code: "BAD_REQUEST" });
    }
  });
});
