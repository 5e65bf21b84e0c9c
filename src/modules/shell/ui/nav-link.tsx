"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** A header link that marks itself as the current page (also for nested paths). */
/** `exact`: current only on `href` itself, not on the pages below it. */
export function NavLink({ href, exact = false, children }: { href: string; exact?: boolean; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href || (!exact && pathname.startsWith(`${href}/`));
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={buttonClasses({ variant: "ghost", size: "sm", className: cn(current ? "text-foreground" : "text-muted-foreground hover:text-foreground") })}
    >
      {children}
    </Link>
  );
}
