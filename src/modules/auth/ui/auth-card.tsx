import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";

/** The frame of the local sign-in and sign-up pages. */
export function AuthCard({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <Card className="w-full max-w-sm">
      <CardHeader className="p-6 pb-4">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="p-6 pt-0">{children}</CardContent>
    </Card>
  );
}
