import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { reply, type ScriptedOpenAI } from "../support/scripted-openai";
import { launchChromium, type Browser } from "./support/chromium";
import { completeSignUp, newAccount, previewFrame, sendLandingPrompt } from "./support/flows";
import { BROWSER_SETUP_TIMEOUT, startBrowserTestApp, stopBrowserTestApp } from "./support/browser-test-app";
import type { NextApp } from "./support/next-app";
import { pageFiles } from "./support/ui-model";

/**
 * Two real local accounts in two browsers: an owner on a desktop screen, a member on a 390 px
 * phone screen. The owner creates a team and invites the member by a copied link; the member
 * signs up with the invited email from that link and joins; both work on one project; the
 * member's slow generation shows live on the owner's screen; the owner caps the member, whose next
 * prompt is refused with a plain message. The model is scripted; everything else is real.
 */
const UI_TIMEOUT = 30_000;
const PHONE = { width: 390, height: 844 };

let model: ScriptedOpenAI;
let sandboxRoot: string;
let app: NextApp;
let ownerBrowser: Browser;
let memberBrowser: Browser;
let owner: Page;
let member: Page;
const ownerAccount = newAccount("owner");
const memberAccount = newAccount("member");
let invitationLink = "";
let projectUrl = "";

/** Nothing on the page is wider than the screen. */
/** The phone layout's chat view (the project page shows chat or preview, one at a time). */
async function showChat(page: Page) {
  await page.getByRole("group", { name: "Show" }).getByRole("button", { name: "Chat" }).click();
}

async function expectNoHorizontalOverflow(page: Page) {
  const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.content, `page ${page.url()} overflows horizontally`).toBeLessThanOrEqual(widths.viewport);
}

beforeAll(async () => {
  ({ model, sandboxRoot, app } = await startBrowserTestApp());
  ownerBrowser = await launchChromium();
  memberBrowser = await launchChromium({ viewport: PHONE });
  owner = await ownerBrowser.context.newPage();
  member = await memberBrowser.context.newPage();
  for (const page of [owner, member]) page.setDefaultTimeout(UI_TIMEOUT);
}, BROWSER_SETUP_TIMEOUT);

afterAll(async () => {
  await ownerBrowser?.close();
  await memberBrowser?.close();
  await stopBrowserTestApp({ app, model, sandboxRoot });
}, 30_000);

describe("a team working together in the browser", () => {
  it("the owner signs up, creates a team and gets a copyable invitation link", async () => {
    await owner.goto(`${app.url}/sign-up`);
    await completeSignUp(owner, ownerAccount);

    await owner.getByRole("button", { name: /Switch team$/ }).click();
    await owner.getByRole("menuitem", { name: "Create team" }).click();
    const dialog = owner.getByRole("dialog", { name: "Create a team" });
    await dialog.getByLabel("Team name").fill("Acme");
    await dialog.getByRole("button", { name: "Create team" }).click();
    await owner.waitForURL(/\/team$/);
    await expect.poll(() => owner.getByRole("heading", { level: 1 }).textContent()).toBe("Acme");
    await expect.poll(() => owner.getByRole("button", { name: /Switch team$/ }).getAttribute("aria-label")).toBe("Team: Acme. Switch team");

    await owner.getByLabel("Email").fill(memberAccount.email);
    await owner.getByRole("button", { name: "Invite" }).click();
    const link = owner.getByLabel("Invitation link");
    await expect.poll(() => link.inputValue()).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
    invitationLink = await link.inputValue();
    await expect.poll(() => owner.getByRole("list", { name: "Pending invitations" }).getByText(memberAccount.email).isVisible()).toBe(true);
  });

  it("the owner builds a project in the team", async () => {
    model.conversation("[team-first]", [reply.writeFiles(pageFiles("Acme — home")), reply.summary("I built Acme's home page.")]);
    await owner.goto(app.url);
    await sendLandingPrompt(owner, "Acme home page [team-first]");
    await owner.waitForURL(/\/projects\/[^/]+$/);
    projectUrl = owner.url();
    await expect.poll(() => previewFrame(owner).locator("h1").textContent({ timeout: UI_TIMEOUT }), { timeout: UI_TIMEOUT }).toBe("Acme — home");
  });

  it("the invited person signs up from the link with the invited email, joins, and sees the team's project", async () => {
    await member.goto(invitationLink);
    await expect.poll(() => member.getByText(`invited ${memberAccount.email} to join Acme as member`).isVisible()).toBe(true);
    await expectNoHorizontalOverflow(member);
    await member.getByRole("link", { name: "Sign up to join" }).click();
    await member.waitForURL(/\/sign-up\?/);
    // The form arrives with the invited address filled in.
    expect(await member.getByLabel("Email").inputValue()).toBe(memberAccount.email);
    await completeSignUp(member, memberAccount);
    await member.waitForURL(/\/invitations\//);
    await member.getByRole("button", { name: "Join Acme" }).click();
    await member.waitForURL(/\/projects$/);

    const projects = member.getByRole("list", { name: "Projects" });
    // Named after its page's <title>, not the prompt.
    await expect.poll(() => projects.getByRole("link", { name: /^Acme — home/ }).isVisible()).toBe(true);
    await expect.poll(() => projects.getByText(/By Test owner/).isVisible()).toBe(true);
    await expect.poll(() => member.getByRole("button", { name: /Switch team$/ }).getAttribute("aria-label")).toBe("Team: Acme. Switch team");
    await expectNoHorizontalOverflow(member);
  });

  it("the member's slow generation shows live on the owner's screen, and the owner's follow-up waits for it", async () => {
    // Files first, then a slow summary: the run stays RUNNING, with progress, for ~8 s.
    model.conversation("[team-slow]", [reply.writeFiles(pageFiles("Acme — with testimonials")), reply.summary("Added testimonials.", 8_000)]);
    await member.goto(projectUrl);
    await expect.poll(() => previewFrame(member).locator("h1").textContent({ timeout: UI_TIMEOUT }), { timeout: UI_TIMEOUT }).toBe("Acme — home");
    await expectNoHorizontalOverflow(member);
    // On the phone the project opens on its preview; the prompt box is in the chat view.
    await showChat(member);
    const memberBox = member.getByLabel("Ask for a change");
    await memberBox.fill("Add testimonials [team-slow]");
    await memberBox.press("Enter");
    await expect.poll(() => member.getByText("Building your UI…").isVisible()).toBe(true);

    // The owner sees who is running what in the list, then the live progress in the project.
    await owner.goto(`${app.url}/projects`);
    await expect.poll(() => owner.getByRole("list", { name: "Projects" }).getByText("Test member: generating").isVisible()).toBe(true);
    await owner.goto(projectUrl);
    const progress = owner.getByRole("region", { name: "Generation progress" });
    await expect.poll(() => progress.getByText("Test member is generating…").isVisible()).toBe(true);
    await expect.poll(() => progress.getByRole("listitem").count()).toBeGreaterThan(0);
    const ownerBox = owner.getByLabel("Ask for a change");
    expect(await ownerBox.isDisabled()).toBe(true);
    expect(await ownerBox.getAttribute("placeholder")).toBe("Wait for Test member's generation to finish…");
    // The member's prompt is in the owner's chat, with the member's name on it.
    await expect.poll(() => owner.getByRole("list", { name: "Conversation" }).getByText("Add testimonials [team-slow]").isVisible()).toBe(true);

    // When it ends, the owner's screen shows the new version without a reload.
    await expect
      .poll(() => previewFrame(owner).locator("h1").textContent({ timeout: UI_TIMEOUT }), { timeout: UI_TIMEOUT })
      .toBe("Acme — with testimonials");
    await expect.poll(() => ownerBox.isEnabled()).toBe(true);
  });

  it("the owner caps the member at 1 credit; the member's next prompt is refused with a plain message", async () => {
    await owner.goto(`${app.url}/team`);
    const row = owner.getByRole("listitem", { name: "Test member" });
    await expect.poll(() => row.getByText("1 credit used this month").isVisible()).toBe(true);
    await row.getByLabel("Monthly credit cap for Test member").fill("1");
    await row.getByRole("button", { name: "Set cap" }).click();
    await expect.poll(() => row.getByText("1 of 1 credit used this month").isVisible()).toBe(true);
    // The owner's page, with every control on it, fits a phone too.
    await owner.setViewportSize(PHONE);
    await expectNoHorizontalOverflow(owner);
    await owner.setViewportSize({ width: 1366, height: 860 });

    await member.goto(`${app.url}/team`);
    await expectNoHorizontalOverflow(member);
    await member.goto(projectUrl);
    await showChat(member);
    const box = member.getByLabel("Ask for a change");
    await expect.poll(() => box.isEnabled()).toBe(true);
    await box.fill("Add a footer [team-capped]");
    await box.press("Enter");
    // Said under the prompt box (and in a toast), where it stays until the prompt changes.
    const refusal = member.getByRole("alert").filter({ hasText: "You have used your 1-credit monthly limit in Acme; ask an admin to raise it." });
    await expect.poll(() => refusal.first().isVisible()).toBe(true);
    await member.waitForTimeout(5_000);
    expect(await refusal.first().isVisible()).toBe(true);
    // Nothing was sent: the prompt is still in the box, and no new run started.
    expect(await box.inputValue()).toBe("Add a footer [team-capped]");
    expect(model.requestsFor("[team-capped]")).toHaveLength(0);
  });
});
