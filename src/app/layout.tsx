import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { IconDefaults } from "@/components/icon-defaults";
import { THEME_SCRIPT } from "@/components/theme-script";
import { ToastHost } from "@/components/toast-host";
import { AuthProvider } from "@/modules/auth/ui/auth-provider";
import { AppHeader } from "@/modules/shell/ui/app-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ollio — describe a UI, get it built", template: "%s · Ollio" },
  description: "Describe a page or an app in plain words; Ollio builds it with a live preview and the code.",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fcfcfc" },
    { media: "(prefers-color-scheme: dark)", color: "#141414" },
  ],
  colorScheme: "light dark",
  width: "device-width",
  initialScale: 1,
};

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // The CSP allows inline scripts only with this request's nonce (src/proxy.ts sets it).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script sets <html>'s class before hydration: React must not "correct" it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="flex min-h-dvh flex-col antialiased">
        <AuthProvider>
          <IconDefaults>
            <a
              href="#main"
              className="sr-only z-50 rounded-md bg-background px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:ring-2 focus:ring-ring"
            >
              Skip to content
            </a>
            <AppHeader />
            <main id="main" className="flex min-h-0 flex-1 flex-col">
              {children}
            </main>
            <ToastHost theme="system" richColors closeButton position="top-center" />
          </IconDefaults>
        </AuthProvider>
      </body>
    </html>
  );
}
