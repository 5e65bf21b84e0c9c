import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { AppError } from "@/lib/errors";
import { versionScreenshot } from "@/modules/check/server/screenshots";
import { fragmentCheckColumns } from "@/modules/check/server/saved-check";
import { listMessages } from "@/modules/generation/server/messages";
import { listProjects } from "@/modules/projects/server/projects";
import { createProject, createUserWithTeam } from "../support/factories";
import { rejection } from "../support/rejection";

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

async function versionWithScreenshot() {
  const auth = await createUserWithTeam(db);
  const project = await createProject(db, auth);
  const message = await db.message.create({ data: { projectId: project.id, role: "ASSISTANT", kind: "RESULT", content: "Built." } });
  const columns = fragmentCheckColumns({
    status: "problems",
    problems: [{ kind: "missing-file", message: 'The page loads "a.css", but there is no such file.', file: "a.css", viewports: ["desktop"] }],
    note: null,
    screenshots: [{ viewport: "desktop", width: 1280, height: 800, bytes: JPEG.length, type: "image/jpeg", data: JPEG.toString("base64") }],
  });
  const fragment = await db.fragment.create({
    data: { messageId: message.id, projectId: project.id, number: 1, title: "v1", files: { "index.html": "<h1>x</h1>" }, ...columns },
  });
  return { auth, project, fragment };
}

describe("version screenshots", () => {
  it("are served to the team's members, and answer NOT_FOUND to another team and for a missing one", async () => {
    const { auth, fragment } = await versionWithScreenshot();
    const shot = await versionScreenshot(db, auth, fragment.id, "desktop");
    expect(shot).toEqual({ bytes: JPEG, type: "image/jpeg" });

    const stranger = await createUserWithTeam(db, "Someone else");
    expect(await rejection<AppError>(versionScreenshot(db, stranger, fragment.id, "desktop"))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection<AppError>(versionScreenshot(db, auth, fragment.id, "phone"))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection<AppError>(versionScreenshot(db, auth, "no-such-version", "desktop"))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists show a version's problems and screenshot sizes, never the bytes", async () => {
    const { auth, project } = await versionWithScreenshot();
    const [message] = await listMessages(db, auth, project.id);
    expect(message?.fragment).toMatchObject({
      checkStatus: "problems",
      problems: [{ kind: "missing-file", file: "a.css" }],
      screenshots: [{ viewport: "desktop", width: 1280, height: 800, bytes: JPEG.length, type: "image/jpeg" }],
    });
    expect(JSON.stringify(message)).not.toContain(JPEG.toString("base64"));
    const [listed] = (await listProjects(db, auth, { limit: 24 })).items;
    expect(listed?.latestFragment?.screenshots).toEqual([{ viewport: "desktop", width: 1280, height: 800, bytes: JPEG.length, type: "image/jpeg" }]);
  });
});
