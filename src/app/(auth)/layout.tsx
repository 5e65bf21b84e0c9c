/** Centres the sign-in and sign-up cards below the app header. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return <div className="flex flex-1 items-start justify-center px-4 py-12 sm:py-20">{children}</div>;
}
