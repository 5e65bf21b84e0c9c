"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/** A route failed while rendering; the header stays, this replaces the page. */
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div role="alert" className="mx-auto flex max-w-md flex-1 flex-col items-center justify-center gap-3 px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="text-muted-foreground">
        This page could not be loaded. Try again; if it keeps happening, the server log has the details
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button className="mt-2" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
