/**
 * Clerk's React components, only in builds made with Clerk's publishable key (which Next compiles
 * into the client anyway). OLLIO_BUILD_WITH_CLERK is replaced at compile time (next.config.ts),
 * so without the key this is `null` and the import below is dead code: none of Clerk's browser
 * code (~40 KB gzip) reaches the chunks of a local-accounts build. Server Components call it on
 * their Clerk branch only. (Written inline: the bundler drops the import only for a literal.)
 */
export const loadClerkUi = process.env.OLLIO_BUILD_WITH_CLERK ? () => import("@clerk/nextjs") : null;

export async function clerkUi() {
  if (!loadClerkUi) throw new Error("Clerk is configured but this build has no NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: rebuild with it set.");
  return loadClerkUi();
}
