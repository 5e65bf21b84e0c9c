import { Inngest } from "inngest";

/**
 * Ollio's Inngest app. The SDK reads its keys from env: INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY
 * for Inngest Cloud or a self-hosted `inngest start`, INNGEST_DEV=1 for `inngest dev`,
 * INNGEST_BASE_URL to point at a self-hosted server.
 */
export const inngest = new Inngest({ id: "ollio" });
