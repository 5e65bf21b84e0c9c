import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { db } from "@/lib/db/client";
import { PLANS } from "@/modules/credits/server/plans";
import type { ScriptedOpenAI } from "../support/scripted-openai";
import { launchChromium, type Browser } from "./support/chromium";
import { completeSignUp, newAccount, previewFrame, sendLandingPrompt, type Account } from "./support/flows";
import { BROWSER_SETUP_TIMEOUT, startBrowserTestApp, stopBrowserTestApp } from "./support/browser-test-app";
import type { NextApp } from "./support/next-app";

/**
 * Plans, usage and model settings in a real browser against a production build: an instance
 * admin changes a team's plan and grants credits, a member is refused a plan change, the usage
 * page shows two members' runs of today, and the team's API key never reaches the page.
 */
const UI_TIMEOUT = 30_000;
const TEAM_KEY = "sk-browser-team-key-4321";

const owner = newAccount("owner");
const member = newAccount("member");
const admin = newAccount("admin");

let model: ScriptedOpenAI;
let sandboxRoot: string;
let app: NextApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ model, sandboxRoot, app } = await startBrowserTestApp({
    OPENAI_MODELS: "scripted-large",
    OLLIO_ADMIN_EMAILS: admin.email,
    OLLIO_ADMIN_CONTACT: "ops@ollio.example",
  }));
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
}, BROWSER_SETUP_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await stopBrowserTestApp({ app, model, sandboxRoot });
}, 30_000);

async function signUp(account: Account) {
  await browser.context.clearCookies();
  await page.goto(`${app.url}/sign-up`);
  await completeSignUp(page, account);
}

async function signIn(account: Account) {
  await browser.context.clearCookies();
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** Sends a prompt from the landing page (with the model picked, if given) and waits for its preview. */
async function generate(prompt: string, pick?: string) {
  await page.goto(app.url);
  if (pick) {
    await page.getByRole("combobox", { name: "Model" }).click();
    await page.getByRole("option", { name: pick }).click();
  }
  await sendLandingPrompt(page, prompt);
  await page.waitForURL(/\/projects\/[^/]+$/);
  await expect.poll(() => previewFrame(page).locator("h1").textContent({ timeout: UI_TIMEOUT }), { timeout: UI_TIMEOUT }).toBe(prompt);
}

async function expectNoHorizontalOverflow() {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const widths = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // What sticks out, to name it in the failure.
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > client + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`);
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
  expect(widths.scroll, `${page.url()} overflows: ${widths.wide.join(" | ")}`).toBeLessThanOrEqual(widths.client);
  await page.setViewportSize({ width: 1366, height: 860 });
}

const userByEmail = (email: string) => db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });

describe("teams: plans, usage and models in the browser", () => {
  let teamId: string;

  it("the owner picks a model in the prompt box; the run records it", async () => {
    await signUp(owner);
    // Two models on offer: the prompt box lets the sender choose.
    await generate("Owner's launch page", "scripted-large");

    const user = await userByEmail(owner.email);
    teamId = user.memberships[0]!.teamId;
    const run = await db.run.findFirstOrThrow({ where: { createdById: user.id } });
    expect(run).toMatchObject({ status: "SUCCEEDED", model: "scripted-large", modelCalls: 2 });
    expect(run.promptTokens).toBeGreaterThan(0);
  });

  it("the owner stores a team API key: the page shows its last 4 characters and never the key", async () => {
    await page.goto(`${app.url}/team/models`);
    await page.getByLabel("API key").fill(TEAM_KEY);
    await page.getByRole("button", { name: "Save key" }).click();
    await expect.poll(() => page.getByTestId("api-key-status").textContent()).toContain("A key is set, ending in 4321");
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "The provider accepted the team's key." }).first().isVisible()).toBe(true);
    expect(model.modelListKeys.at(-1)).toBe(TEAM_KEY);

    // Neither the server-rendered HTML nor any response the page loads carries the key.
    const bodies: string[] = [];
    const collect = (response: { url(): string; text(): Promise<string> }) => void response.text().then((t) => bodies.push(t), () => {});
    page.on("response", collect);
    const html = await (await page.goto(`${app.url}/team/models`))!.text();
    await expect.poll(() => page.getByTestId("api-key-status").textContent()).toContain("4321");
    await page.waitForTimeout(500);
    page.off("response", collect);
    expect(html).toContain("4321");
    expect(html).not.toContain(TEAM_KEY);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body).not.toContain(TEAM_KEY);
    expect(await page.content()).not.toContain(TEAM_KEY);
    await expectNoHorizontalOverflow();
  });

  it("a member of the team runs a prompt and is refused a plan change with a visible message", async () => {
    await signUp(member);
    // Invitations are another branch: join the owner's team straight in the database (and drop
    // the personal team, so the member acts in the owner's team).
    // Joined first, so no request in between finds the member without a team (and makes a new one).
    const user = await userByEmail(member.email);
    await db.membership.create({ data: { teamId, userId: user.id, role: "MEMBER" } });
    await db.team.deleteMany({ where: { id: { in: user.memberships.map((m) => m.teamId) } } });

    await generate("Member's pricing page");
    const run = await db.run.findFirstOrThrow({ where: { createdById: user.id } });
    expect(run).toMatchObject({ teamId, status: "SUCCEEDED", model: "scripted-model" });
    // Runs use the team's key once it has one.
    expect(model.requests.at(-1)?.apiKey).toBe(TEAM_KEY);

    await page.goto(`${app.url}/team/usage`);
    await page.getByRole("button", { name: "Change plan" }).click();
    await page.getByRole("button", { name: "Request change" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Only the team's owner can change its plan." }).isVisible()).toBe(true);
    await page.keyboard.press("Escape");

    // A member sees their own row and the team total only.
    const table = page.getByRole("table", { name: "Usage per member" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    await expect.poll(() => table.locator("tbody").textContent()).toContain(member.name);
    expect(await table.locator("tbody").textContent()).not.toContain(owner.name);
    await expect.poll(() => table.locator("tfoot").textContent()).toMatch(/Team total2/);

    // Not an admin: the admin page does not exist.
    expect((await page.goto(`${app.url}/admin`))?.status()).toBe(404);
  });

  it("the owner's usage page shows today's runs for both members, a chart and a CSV export", async () => {
    await signIn(owner);
    await page.goto(`${app.url}/team/usage`);
    const table = page.getByRole("table", { name: "Usage per member" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(2);
    for (const account of [owner, member]) {
      const row = table.locator("tbody tr").filter({ hasText: account.name });
      // Member, runs 1, credits 1, tokens, failures 0.
      await expect.poll(() => row.locator("td").first().textContent()).toBe("1");
      expect(await row.locator("td").nth(1).textContent()).toBe("1");
    }
    await expect.poll(() => page.getByRole("figure", { name: "Credits and tokens per day" }).locator("svg .recharts-bar-rectangle").count()).toBeGreaterThan(0);

    const month = new Date().toISOString().slice(0, 7);
    const csv = await page.request.get(`${app.url}/team/usage/export?month=${month}`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.includes(owner.email) && l.includes("scripted-large"))).toBe(true);
    expect(lines.some((l) => l.includes(member.email))).toBe(true);

    // The owner may ask for a plan, and is told who changes plans here.
    await page.getByRole("button", { name: "Change plan" }).click();
    await page.getByRole("button", { name: "Request change" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "ask your Ollio admin (ops@ollio.example)" }).isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expectNoHorizontalOverflow();
  });

  it("an instance admin changes the team's plan and grants credits", async () => {
    await signUp(admin);
    await page.getByRole("link", { name: "Admin" }).click();
    await page.waitForURL(/\/admin$/);
    await page.getByLabel("Search teams").fill(owner.email);
    const card = page.getByRole("group", { name: `${owner.name}'s team` });
    await expect.poll(() => card.getByTestId("team-balance").textContent()).toBe(`${PLANS.FREE.monthlyCredits - 2} / ${PLANS.FREE.monthlyCredits} credits left`);
    await expect.poll(() => card.textContent()).toContain("This month: 2 runs, 2 credits");

    await card.getByRole("combobox", { name: `Plan of ${owner.name}'s team` }).click();
    await page.getByRole("option", { name: "Pro" }).click();
    const added = PLANS.PRO.monthlyCredits - PLANS.FREE.monthlyCredits;
    await expect.poll(() => page.getByText(`is now on Pro (+${added} credits this month)`).isVisible()).toBe(true);
    await expect.poll(() => card.getByTestId("team-balance").textContent()).toBe(
      `${PLANS.PRO.monthlyCredits - 2} / ${PLANS.PRO.monthlyCredits} credits left`,
    );

    await card.getByRole("button", { name: "Grant credits" }).click();
    const dialog = page.getByRole("dialog", { name: `Grant credits to ${owner.name}'s team` });
    await dialog.getByLabel("Credits").fill("30");
    await dialog.getByLabel("Note").fill("Browser launch week");
    await dialog.getByRole("button", { name: "Grant" }).click();
    await expect.poll(() => card.getByTestId("team-balance").textContent()).toBe(
      `${PLANS.PRO.monthlyCredits - 2 + 30} / ${PLANS.PRO.monthlyCredits + 30} credits left`,
    );
    const adminUser = await userByEmail(admin.email);
    const grants = await db.creditLedgerEntry.findMany({ where: { teamId, userId: adminUser.id }, orderBy: { createdAt: "asc" } });
    expect(grants.map((g) => [g.kind, g.amount, g.note])).toEqual([
      ["GRANT", added, expect.stringContaining("Plan changed from Free to Pro")],
      ["GRANT", 30, "Browser launch week"],
    ]);
    await expectNoHorizontalOverflow();

    // The owner sees the new plan.
    await signIn(owner);
    await page.goto(`${app.url}/team/usage`);
    await expect.poll(() => page.getByText(`${PLANS.PRO.monthlyCredits - 2 + 30} of ${PLANS.PRO.monthlyCredits + 30} credits left`).isVisible()).toBe(true);
  });
});
