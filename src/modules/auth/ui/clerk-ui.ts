/**
 * Clerk's React components, only in builds that know Clerk's publishable key. Next compiles
 * NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY into the build, so without it this is `null` at compile time
 * and the import below is dead code: none of Clerk's browser code (~41 KB gzip) reaches the
 * chunks of local-accounts builds. Server Components call it on their Clerk branch only.
 * (providers.auth is "clerk" only when this key is set, and it is read from the same build.)
 */
export const loadClerkUi = process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ? () => import("@clerk/nextjs") : null;

export async function clerkUi() {
  if (!loadClerkUi) throw new Error("Clerk is configured but this build has no NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: rebuild with it set.");
  return loadClerkUi();
}
