import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { reply, type ScriptedOpenAI } from "../support/scripted-openai";
import { launchChromium, type Browser } from "./support/chromium";
import { completeSignUp, landingPrompt, newAccount, previewFrame, sendLandingPrompt } from "./support/flows";
import { BROWSER_SETUP_TIMEOUT, startBrowserTestApp, stopBrowserTestApp } from "./support/browser-test-app";
import { startNextApp, type AppEnv, type NextApp } from "./support/next-app";
import { pageFiles } from "./support/ui-model";
import { fragmentTitle } from "@/modules/generation/server/fragment-title";

/**
 * The whole product in a real browser: a production build of this checkout on the test's own
 * database, the real job runner, sandbox and preview server, and only the model scripted.
 * OLLIO_TEST_SKIP_BUILD=1 reuses an existing .next build (for quick local re-runs).
 */
const run = promisify(execFile);
const UI_TIMEOUT = 30_000;

let model: ScriptedOpenAI;
let appEnv: AppEnv;
let sandboxRoot: string;
let app: NextApp;
let browser: Browser;
let page: Page;
const cspViolations: string[] = [];
/** Console errors and uncaught page errors, for the hydration check. */
const pageErrors: string[] = [];
const account = newAccount();

beforeAll(async () => {
  ({ model, sandboxRoot, env: appEnv, app } = await startBrowserTestApp());
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  // Chromium reports every script, frame or style the Content-Security-Policy blocks on the console.
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    if (message.type() === "error") pageErrors.push(message.text());
  });
  // React 19 reports a recoverable (hydration) error through window.reportError: a page error.
  page.on("pageerror", (error) => pageErrors.push(error.message));
}, BROWSER_SETUP_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await stopBrowserTestApp({ app, model, sandboxRoot });
}, 30_000);

describe("prompt to preview in the browser", () => {
  const heading = "Crumb & Co — fresh bread daily";

  it("a signed-out prompt survives sign-up, then generates a page shown in the preview and the code tab", async () => {
    const prompt = "A bakery landing page with opening hours [browser-bakery]";
    model.conversation("[browser-bakery]", [
      reply.writeFiles(pageFiles(heading)),
      reply.summary("I built a bakery landing page with a big heading and a click counter."),
    ]);

    await page.goto(app.url);
    await sendLandingPrompt(page, prompt);
    await page.waitForURL(/\/sign-up/);
    await completeSignUp(page, account);

    // Back on the landing page with the prompt still in the box.
    await expect.poll(() => landingPrompt(page).inputValue()).toBe(prompt);
    await landingPrompt(page).press("Enter");
    await page.waitForURL(/\/projects\/[^/]+$/);

    const frame = previewFrame(page);
    await expect.poll(() => frame.locator("h1").textContent({ timeout: UI_TIMEOUT }), { timeout: UI_TIMEOUT }).toBe(heading);
    // The page's own script runs inside the sandbox.
    await frame.getByRole("button", { name: "Clicked 0 times" }).click();
    await expect.poll(() => frame.locator("#count").textContent()).toBe("Clicked 1 times");

    const conversation = page.getByRole("list", { name: "Conversation" });
    await expect.poll(() => conversation.getByText("I built a bakery landing page with a big heading").isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("button", { name: /^Show version 1:/ }).getAttribute("aria-pressed")).toBe("true");

    await page.getByRole("tab", { name: "Code" }).click();
    const editor = page.getByTestId("code-viewer").locator(".cm-content");
    await expect.poll(() => editor.textContent()).toContain("Crumb &amp; Co — fresh bread daily");
    await page.getByRole("button", { name: "styles.css", exact: true }).click();
    await expect.poll(() => editor.textContent()).toContain("#4338ca");

    // "All (.zip)" downloads one archive that Info-ZIP accepts, holding every file.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download all files as a zip" }).click()]);
    const archive = path.join(sandboxRoot, "download.zip");
    await download.saveAs(archive);
    expect((await run("unzip", ["-t", archive])).stdout).toMatch(/No errors detected/);
    // (The sandbox template's own starter files are part of the version too.)
    expect((await run("unzip", ["-Z1", archive])).stdout.trim().split("\n")).toEqual(expect.arrayContaining(["app.js", "index.html", "styles.css"]));
    expect((await run("unzip", ["-p", archive, "styles.css"])).stdout).toBe(pageFiles(heading)["styles.css"]);

    // Nothing is running now, so the page has stopped polling.
    const calls: string[] = [];
    const recordCall = (request: { url(): string }) => void (/\/api\/(trpc|poll)\//.test(request.url()) && calls.push(request.url()));
    page.on("request", recordCall);
    await page.waitForTimeout(2_500);
    page.off("request", recordCall);
    expect(calls).toEqual([]);
  });

  it("a follow-up makes version 2, and picking v1 brings back the first version's preview", async () => {
    model.conversation("[browser-sundays]", [
      reply.writeFiles(pageFiles("Crumb & Co — now open Sundays")),
      reply.summary("The heading now says the bakery opens on Sundays."),
    ]);
    await page.getByRole("tab", { name: "Preview" }).click();
    const box = page.getByLabel("Ask for a change");
    // While the run works the page polls /api/poll (plain JSON), not the tRPC procedure.
    const polls: string[] = [];
    const recordPoll = (request: { url(): string }) => void (/\/api\/(poll\/|trpc\/[^?]*runs\.poll)/.test(request.url()) && polls.push(new URL(request.url()).pathname));
    page.on("request", recordPoll);
    await box.fill("Say that we open on Sundays [browser-sundays]");
    await box.press("Enter");

    const frame = previewFrame(page);
    await expect.poll(() => frame.locator("h1").textContent({ timeout: UI_TIMEOUT }), { timeout: UI_TIMEOUT }).toBe(
      "Crumb & Co — now open Sundays",
    );
    await expect.poll(() => box.isEnabled()).toBe(true);
    page.off("request", recordPoll);
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((url) => /^\/api\/poll\/[^/]+$/.test(url)), polls.join(", ")).toBe(true);

    // A paste over the limit is kept whole and refused, not cut.
    const long = "Make it longer. ".repeat(300);
    await box.fill(long);
    expect((await box.inputValue()).length).toBe(long.length);
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "over the limit of 4,000" }).textContent()).toMatch(/^800 characters over/);
    expect(await page.getByRole("button", { name: "Send prompt" }).isDisabled()).toBe(true);
    await box.fill("");

    await page.getByRole("button", { name: /^Show version 1:/ }).click();
    await expect.poll(() => frame.locator("h1").textContent({ timeout: UI_TIMEOUT }), { timeout: UI_TIMEOUT }).toBe(heading);
    await page.getByRole("button", { name: "Show latest (v2)" }).click();
    await expect.poll(() => frame.locator("h1").textContent({ timeout: UI_TIMEOUT }), { timeout: UI_TIMEOUT }).toBe(
      "Crumb & Co — now open Sundays",
    );
  });

  it("a reload during a run shows the run's progress in plain words, with no hydration error", async () => {
    const heading = "Crumb & Co — reloaded mid-run";
    // Slow enough to reload while the run is working, and to read its progress after the files are written.
    model.conversation("[browser-reload]", [
      { ...reply.writeFiles(pageFiles(heading)), delayMs: 3_000 },
      reply.summary("The heading now says the page was reloaded mid-run.", 4_000),
    ]);
    const box = page.getByLabel("Ask for a change");
    await box.fill("Change the heading [browser-reload]");
    await box.press("Enter");
    const progress = page.getByRole("region", { name: "Generation progress" });
    await expect.poll(() => progress.isVisible()).toBe(true);

    pageErrors.length = 0;
    await page.reload();
    await expect.poll(() => progress.getByRole("status").first().textContent()).toMatch(/Building your UI|Waiting for a worker/);
    // What the agent does is said in plain words; the raw steps sit behind a details toggle.
    await expect.poll(() => progress.getByText("Writing the page: index.html, styles.css, app.js").isVisible(), { timeout: UI_TIMEOUT }).toBe(true);
    const frame = previewFrame(page);
    await expect.poll(() => frame.locator("h1").textContent({ timeout: UI_TIMEOUT }), { timeout: UI_TIMEOUT }).toBe(heading);
    expect(pageErrors.filter((text) => /hydrat|Minified React error #(418|423|425)|did not match/i.test(text))).toEqual([]);
  }, 60_000);

  it("on a phone the project page switches between chat and a preview that fills most of the screen", async () => {
    const projectUrl = page.url();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    try {
      for (const width of [320, 390]) {
        await page.setViewportSize({ width, height: 844 });
        for (const url of [app.url, `${app.url}/projects`, projectUrl]) {
          await page.goto(url);
          await page.waitForLoadState("networkidle");
          expect({ url, width, overflow: await overflow() }).toEqual({ url, width, overflow: 0 });
        }
      }
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(projectUrl);
      const views = page.getByRole("group", { name: "Show" });
      await views.getByRole("button", { name: "Chat" }).click();
      await expect.poll(() => page.getByRole("list", { name: "Conversation" }).isVisible()).toBe(true);
      await expect.poll(() => page.locator('iframe[title^="Preview of"]').isVisible()).toBe(false);
      await views.getByRole("button", { name: "Preview" }).click();
      const iframe = page.locator('iframe[title^="Preview of"]');
      await expect.poll(() => iframe.isVisible()).toBe(true);
      const box = await iframe.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(0.6 * 844);
      // Inside the screen: nothing to scroll to.
      expect(box!.y + box!.height).toBeLessThanOrEqual(844);
      await expect.poll(() => frame().locator("h1").count(), { timeout: UI_TIMEOUT }).toBe(1);
    } finally {
      await page.setViewportSize({ width: 1366, height: 860 });
      await page.goto(projectUrl);
    }
    function frame() {
      return previewFrame(page);
    }
  });

  it("a stopped generation shows as an error with Retry, and Retry builds it", async () => {
    const wish = "Add a contact form [browser-stop]";
    // The first run's model answer is slow, so there is time to stop it; the retry then gets the
    // UI model's default page, whose heading is the request.
    model.conversation("[browser-stop]", [{ ...reply.writeFiles(pageFiles("too late")), delayMs: 5_000 }]);
    const box = page.getByLabel("Ask for a change");
    await box.fill(wish);
    await box.press("Enter");

    await page.getByRole("button", { name: "Stop" }).click();
    await expect.poll(() => page.getByText("Generation stopped").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Retry" }).click();

    const frame = previewFrame(page);
    await expect.poll(() => frame.locator("h1").textContent({ timeout: UI_TIMEOUT }), { timeout: UI_TIMEOUT }).toBe(wish);
    await expect.poll(() => page.getByRole("button", { name: /^Show version 4:/ }).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => page.getByRole("button", { name: "Retry" }).count()).toBe(0);
  });

  it("previews outlive their sandbox and a restart of the app", async () => {
    const frame = previewFrame(page);
    const heading = await frame.locator("h1").textContent();
    // Every run kills its sandbox when it ends (the stopped one once its pending model call
    // returns): nothing is left in this app's sandbox root.
    await expect
      .poll(async () => (await readdir(path.join(sandboxRoot, "sandboxes")).catch(() => [])).length, { timeout: UI_TIMEOUT })
      .toBe(0);

    await app.stop();
    app = await startNextApp(appEnv);
    await page.goto(page.url().replace(/^http:\/\/localhost:\d+/, app.url));
    await expect.poll(() => frame.locator("h1").textContent({ timeout: UI_TIMEOUT }), { timeout: UI_TIMEOUT }).toBe(heading);

    // The preview itself is served from Postgres on the new preview origin.
    const src = await page.locator('iframe[title^="Preview of"]').getAttribute("src");
    // By its random token, never the row id (preview-token.ts).
    expect(src).toMatch(new RegExp(`^${app.previewOrigin}/p/[A-Za-z0-9_-]{43}/$`));
    const response = await fetch(src!);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<h1");
  });

  it("a version's screenshots show in the chat and on its project card, to its team only; problems left are listed and Fix these fixes them", async () => {
    const broken = pageFiles("Crumb & Co — with a missing stylesheet");
    broken["index.html"] = broken["index.html"]!.replace('<link rel="stylesheet" href="styles.css" />', '<link rel="stylesheet" href="styles.css" />\n    <link rel="stylesheet" href="css/theme.css" />');
    model.conversation("[browser-check]", [
      reply.writeFiles(broken),
      reply.summary("I built a bakery page."),
      reply.summary("I had a look."),
      reply.summary("I had another look."),
      // The follow-up sent by "Fix these":
      reply.writeFiles({ "css/theme.css": "h1 { letter-spacing: 0.01em; }" }),
      reply.summary("I added the missing stylesheet."),
    ]);
    // Signed in by the first test; alone (vitest -t), sign up here.
    await page.goto(`${app.url}/sign-up`);
    if (new URL(page.url()).pathname.startsWith("/sign-up")) await completeSignUp(page, newAccount("check"));
    await page.goto(app.url);
    await sendLandingPrompt(page, "A bakery page [browser-check]");
    await page.waitForURL(/\/projects\/[^/]+$/);

    const problems = page.getByRole("region", { name: "Problems found in this version" });
    await expect.poll(() => problems.textContent(), { timeout: 60_000 }).toContain('The page loads "css/theme.css", but there is no such file.');
    const thumbnail = page.getByRole("button", { name: /^Show version 1:/ }).locator("img");
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1280);

    // Only the team sees it: signed out 401, another account 404.
    const src = (await thumbnail.getAttribute("src"))!;
    expect((await fetch(new URL(src, app.url))).status).toBe(401);
    const stranger = await launchChromium();
    try {
      const other = await stranger.context.newPage();
      await other.goto(`${app.url}/sign-up`);
      await completeSignUp(other, newAccount("stranger"));
      const status = await other.evaluate(async (url) => (await fetch(url)).status, src);
      expect(status).toBe(404);
    } finally {
      await stranger.close();
    }

    await problems.getByRole("button", { name: "Fix these" }).click();
    await expect.poll(() => page.getByRole("button", { name: /^Show version 2:/ }).getAttribute("aria-pressed"), { timeout: 60_000 }).toBe("true");
    await expect.poll(() => page.getByRole("list", { name: "Conversation" }).getByText(/Please fix these problems the automatic check found/).first().isVisible()).toBe(true);
    // v1 keeps its list; v2 is clean.
    await expect.poll(() => problems.count()).toBe(1);

    await page.goto(`${app.url}/projects`);
    // The card shows the latest version's title, made from the agent's summary.
    const card = page.getByRole("listitem").filter({ hasText: fragmentTitle("I added the missing stylesheet.", "") }).locator("img");
    await expect.poll(() => card.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1280);
  }, 120_000);

  it("dark mode follows the system, and the header's choice is kept and applied before the page paints", async () => {
    const isDark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    try {
      await page.emulateMedia({ colorScheme: "dark" });
      await page.goto(`${app.url}/projects`);
      expect(await isDark()).toBe(true);
      const darkBackground = await background();

      pageErrors.length = 0;
      await page.getByRole("button", { name: "Theme" }).click();
      await page.getByRole("menuitemradio", { name: "Light" }).click();
      expect(await isDark()).toBe(false);
      expect(await background()).not.toBe(darkBackground);
      await page.reload();
      expect(await isDark()).toBe(false);
      expect(await page.evaluate(() => localStorage.getItem("ollio-theme"))).toBe("light");

      // The choice is applied by an inline script in <head>, allowed by the request's CSP nonce.
      const response = await page.request.get(`${app.url}/projects`);
      const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
      const head = (await response.text()).split("</head>")[0]!;
      expect(head).toContain(`<script nonce="${nonce}">(function(){try{var t=localStorage.getItem("ollio-theme")`);
      expect(pageErrors.filter((text) => /hydrat|Minified React error #(418|423|425)/i.test(text))).toEqual([]);

      await page.getByRole("button", { name: "Theme" }).click();
      await page.getByRole("menuitemradio", { name: "System" }).click();
      expect(await isDark()).toBe(true);
    } finally {
      await page.emulateMedia({ colorScheme: "light" });
    }
  });

  it("the header's menus work from the keyboard on first use, before and after their code is loaded", async () => {
    // A fresh page: the menus' Radix code is not loaded until a button is pointed at, focused or pressed.
    await page.goto(`${app.url}/projects`);
    const theme = page.getByRole("button", { name: "Theme" });
    expect(await theme.getAttribute("aria-haspopup")).toBe("menu");
    // Focus and Enter at once: the press may come before the code; it is replayed on the real button.
    await theme.focus();
    await page.keyboard.press("Enter");
    const focusedItem = () => page.evaluate(() => `${document.activeElement?.getAttribute("role")}: ${document.activeElement?.textContent}`);
    await expect.poll(focusedItem).toBe("menuitemradio: System");
    await page.keyboard.press("ArrowDown");
    await expect.poll(focusedItem).toBe("menuitemradio: Light");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("menu").count()).toBe(0);
    await expect.poll(() => theme.evaluate((button) => button === document.activeElement)).toBe(true);

    // The team menu, opened by a mouse press that may come before its code.
    await page.reload();
    await page.getByRole("button", { name: /Switch team$/ }).click();
    await expect.poll(() => page.getByRole("menuitem", { name: "Create team" }).isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("menu").count()).toBe(0);
  });

  it("every page carried a nonce-based Content-Security-Policy, and it blocked nothing the app needed", async () => {
    const response = await fetch(`${app.url}/sign-in`);
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).toContain(`frame-src ${app.previewOrigin}`);
    // Next put the nonce on its own scripts.
    const html = await response.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(cspViolations).toEqual([]);
  });

  it("deleting a project asks first in an alert dialog, and Cancel keeps it", async () => {
    await page.goto(`${app.url}/projects`);
    const projects = page.getByRole("list", { name: "Projects" }).getByRole("listitem");
    const before = await projects.count();
    await page.getByRole("button", { name: /^Delete / }).first().click();
    const dialog = page.getByRole("alertdialog", { name: "Delete this project?" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await projects.count()).toBe(before);
  });

  it("the account page changes the password (refusing a common one) and signs out everywhere", async () => {
    await page.goto(`${app.url}/account`);
    const changeTo = async (newPassword: string) => {
      await page.getByLabel("Current password").fill(account.password);
      await page.getByLabel("New password").fill(newPassword);
      await page.getByRole("button", { name: "Change password" }).click();
    };
    await changeTo("password");
    await expect.poll(() => page.getByText("This is a heavily used password.").isVisible(), { timeout: UI_TIMEOUT }).toBe(true);

    const newPassword = "quiet harbour lanterns at dusk";
    await changeTo(newPassword);
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT }).toMatch(/^Password changed\. \d+ other sessions? (was|were) signed out\.$/);

    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${app.url}/projects`);
    await page.waitForURL(/\/sign-in\?next=%2Fprojects/);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/projects$/);
    expect(cspViolations).toEqual([]);
  });
});
