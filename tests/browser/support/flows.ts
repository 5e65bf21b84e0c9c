import type { FrameLocator, Page } from "playwright-core";

export type Account = { name: string; email: string; password: string };

export function newAccount(label = "browser"): Account {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { name: `Test ${label}`, email: `${label}-${id}@example.com`, password: "correct horse battery staple" };
}

/** Fills the local-accounts sign-up form the page is on and waits to land wherever it redirects. */
export async function completeSignUp(page: Page, account: Account) {
  await page.getByLabel("Name (optional)").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-up"));
}

export const landingPrompt = (page: Page) => page.getByLabel("Describe the UI you want to build");

/** Types a prompt on the landing page and sends it with Enter. */
export async function sendLandingPrompt(page: Page, text: string) {
  const box = landingPrompt(page);
  await box.fill(text);
  await box.press("Enter");
}

/** The generated page, inside the sandboxed preview iframe. */
export function previewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[title^="Preview of"]');
}
