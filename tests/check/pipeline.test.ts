import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { CheckProblem } from "@/modules/check/server/problems";
import type { ScreenshotMeta } from "@/modules/check/server/saved-check";
import { createProjectFromPrompt } from "@/modules/generation/server/send-prompt";
import type { ProgressEntry } from "@/modules/runs/server/progress";
import { reply } from "../support/scripted-openai";
import { createTeamMember, currentBalance, ledgerKinds } from "../generation/support/fixtures";
import { startGenerationStack, waitForRun } from "../generation/support/harness";
import { imageSizes } from "./support/decode-images";

// End to end: the real pg-boss worker, local sandbox, Chromium inside the sandbox, and the
// scripted model. Each run takes a few seconds of browser time, so the waits are generous.
const stack = await startGenerationStack();
beforeAll(() => stack.startWorker());
afterAll(() => stack.stop());

const page = (body: string, head = "") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test</title>${head}</head><body>${body}</body></html>`;
const GOOD = page("<main><h1>Crumb &amp; Co</h1><p>Fresh bread every morning.</p></main>");
const THROWS = page(
  "<main><h1>Crumb &amp; Co</h1><p id=\"hours\"></p></main>\n<script>\ndocument.getElementById('opening-hours').textContent = 'Open 7-19';\n</script>",
);
const MISSING_CSS = page("<main><h1>Crumb &amp; Co</h1></main>", '<link rel="stylesheet" href="css/site.css">');
const BLANK = page("<main></main>", "<style>body{margin:0;background:#fff}</style>");

const WAIT = { timeoutMs: 90_000 };

async function runOf(marker: string, replies: Parameters<typeof stack.model.conversation>[1]) {
  const { auth, team } = await createTeamMember(db, { credits: 5 });
  stack.model.conversation(marker, replies);
  const sent = await createProjectFromPrompt(db, { auth, content: `A bakery page ${marker}` }, stack.sendDeps);
  const run = await waitForRun(sent.runId, WAIT);
  const fragment = await db.fragment.findFirst({ where: { projectId: sent.projectId } });
  const messages = await db.message.findMany({ where: { projectId: sent.projectId }, orderBy: { createdAt: "asc" } });
  return { run, fragment, messages, team, sent, requests: stack.model.requestsFor(marker) };
}

const progressOf = (run: { progress: unknown }) => (run.progress as ProgressEntry[]).map((e) => e.detail);
const lastUserMessage = (request: { body: { messages: { role: string; content?: string | null }[] } }) =>
  request.body.messages.filter((m) => m.role === "user").at(-1)?.content ?? "";

describe("the page check after the agent", () => {
  it("finds a page that throws on load, lets the agent fix it in round two, and saves it clean with screenshots", async () => {
    const { run, fragment, team, sent, requests } = await runOf("[check-throws]", [
      reply.writeFiles({ "index.html": THROWS }),
      reply.summary("A bakery page with opening hours."),
      reply.writeFiles({ "index.html": THROWS.replace("opening-hours", "hours") }),
      reply.summary("Fixed the opening hours."),
    ]);
    expect(run.status).toBe("SUCCEEDED");
    // The fix round was told what failed, where.
    const feedback = lastUserMessage(requests[2]!);
    expect(feedback).toContain("Fix round 1 of 2");
    expect(feedback).toMatch(/Error — index\.html, line 3: TypeError: Cannot set properties of null/);
    expect(progressOf(run)).toEqual(expect.arrayContaining(["Checking the result… found 1 problem, fixing", "Checking the result… no problems found"]));
    expect(fragment).toMatchObject({ checkStatus: "passed", problems: [] });
    expect((fragment!.files as Record<string, string>)["index.html"]).toContain("getElementById('hours')");
    // The first summary (what was built) is what the user reads.
    expect(await db.message.findFirst({ where: { projectId: sent.projectId, role: "ASSISTANT", kind: "RESULT" } })).toMatchObject({ content: "A bakery page with opening hours." });
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "COMMIT"]);
    expect(await currentBalance(db, team.id)).toBe(4);

    // Screenshots: JPEG, under the size bound, decoding to the viewport sizes.
    const meta = fragment!.screenshots as ScreenshotMeta[];
    expect(meta.map((m) => [m.viewport, m.width, m.height, m.type])).toEqual([
      ["desktop", 1280, 800, "image/jpeg"],
      ["phone", 390, 844, "image/jpeg"],
    ]);
    const desktop = Buffer.from(fragment!.screenshotDesktop!);
    const phone = Buffer.from(fragment!.screenshotPhone!);
    for (const shot of [desktop, phone]) {
      expect(shot.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(shot.length).toBeLessThanOrEqual(150 * 1024);
    }
    expect(await imageSizes([desktop, phone])).toEqual([
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]);
  });

  it("reports a missing stylesheet with its path and, when it stays missing, saves the version with its problems listed", async () => {
    const { run, fragment, requests, sent } = await runOf("[check-css]", [
      reply.writeFiles({ "index.html": MISSING_CSS }),
      reply.summary("A bakery page."),
      reply.summary("I looked at it."),
      reply.summary("Still looking."),
    ]);
    expect(run.status).toBe("SUCCEEDED");
    expect(lastUserMessage(requests[2]!)).toContain('Missing file — The page loads "css/site.css", but there is no such file.');
    expect(lastUserMessage(requests[3]!)).toContain("Fix round 2 of 2");
    expect(requests).toHaveLength(4);
    const problems = fragment!.problems as CheckProblem[];
    expect(fragment!.checkStatus).toBe("problems");
    expect(problems).toEqual([
      { kind: "missing-file", message: 'The page loads "css/site.css", but there is no such file.', file: "css/site.css", viewports: ["desktop", "phone"] },
    ]);
    expect(progressOf(run)).toContain("Checking the result… 1 problem left; saving the version with them listed");
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "COMMIT"]);
  });

  it("fails a page that stays blank, with one refund", async () => {
    const { run, fragment, messages, team, sent, requests } = await runOf("[check-blank]", [
      reply.writeFiles({ "index.html": BLANK }),
      reply.summary("A page."),
      reply.summary("Done."),
      reply.summary("Done again."),
    ]);
    expect(run.status).toBe("FAILED");
    expect(run.error).toBe("The page the AI built stays blank: nothing is visible on it.");
    expect(lastUserMessage(requests[2]!)).toContain("Blank page — The page is blank");
    expect(fragment).toBeNull();
    expect(messages.at(-1)).toMatchObject({ kind: "ERROR", content: expect.stringContaining("Your credit was returned.") });
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(5);
  });

  it("fails a run that changes nothing even after being told, with one refund", async () => {
    const { run, fragment, team, sent, requests } = await runOf("[check-nochange]", [
      reply.summary("Here is your page."),
      reply.summary("Really done."),
    ]);
    expect(run.status).toBe("FAILED");
    expect(run.error).toBe("The AI made no changes.");
    expect(lastUserMessage(requests[1]!)).toContain("Your work did not change any file: the app directory still holds exactly the starter template.");
    expect(requests).toHaveLength(2);
    expect(fragment).toBeNull();
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(5);
  });

  it("a run told it changed nothing that then makes its change is checked and saved", async () => {
    const { run, fragment } = await runOf("[check-late-change]", [
      reply.summary("Here is your page."),
      reply.writeFiles({ "index.html": GOOD }),
      reply.summary("Now really built."),
    ]);
    expect(run.status).toBe("SUCCEEDED");
    expect(fragment).toMatchObject({ checkStatus: "passed" });
  });
});
