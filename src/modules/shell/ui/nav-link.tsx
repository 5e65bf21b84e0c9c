"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** A header link that marks itself as the current page (also for nested paths). */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
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
