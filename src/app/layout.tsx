import type { Metadata, Viewport } from "next";
import { Toaster } from "sonner";
import { IconDefaults } from "@/components/icon-defaults";
import { AuthProvider } from "@/modules/auth/ui/auth-provider";
import { AppHeader } from "@/modules/shell/ui/app-header";
import { TRPCReactProvider } from "@/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ollio — describe a UI, get it built", template: "%s · Ollio" },
  description: "Describe a page or an app in plain words; Ollio builds it with a live preview and the code.",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { themeColor: "#ffffff", width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col antialiased">
        <AuthProvider>
          <TRPCReactProvider>
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
            <Toaster richColors closeButton position="top-center" />
            </IconDefaults>
          </TRPCReactProvider>
        </AuthProvider>
      </body>
    </html>
  );
}
