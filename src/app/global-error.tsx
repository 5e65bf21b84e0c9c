"use client";

import "./globals.css";

/** The root layout itself failed: render a minimal page of our own (no header, no providers). */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="grid min-h-dvh place-items-center p-6">
        <div role="alert" className="flex max-w-md flex-col items-center gap-3 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Ollio could not load</h1>
          <p className="text-muted-foreground">
            Something went wrong on our side{error.digest ? ` (reference ${error.digest})` : ""}. Please try again.
          </p>
          <button
            type="button"
            onClick={reset}
            className="mt-2 h-9 rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2"
          >
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
