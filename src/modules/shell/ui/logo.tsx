import Link from "next/link";

export function Logo() {
  return (
    <Link
      href="/"
      className="flex items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <span aria-hidden className="grid size-7 place-items-center rounded-lg bg-gradient-to-br from-primary to-fuchsia-500 text-sm font-bold text-white shadow-sm">
        O
      </span>
      {/* Narrow screens keep the mark only; the name stays for screen readers. */}
      <span className="sr-only sm:not-sr-only">Ollio</span>
    </Link>
  );
}
