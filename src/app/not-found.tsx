import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-1 flex-col items-center justify-center gap-3 px-4 py-24 text-center">
      <p className="text-sm font-semibold text-primary">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-muted-foreground">This page does not exist, or you do not have access to it.</p>
      <div className="mt-2 flex gap-2">
        <Link href="/" className={buttonClasses()}>
          Go home
        </Link>
        <Link href="/projects" className={buttonClasses({ variant: "outline" })}>
          Your projects
        </Link>
      </div>
    </div>
  );
}
