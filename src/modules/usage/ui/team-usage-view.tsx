"use client";

import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { OptionSelect } from "@/components/ui/option-select";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/modules/shell/ui/error-message";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/trpc/client";
import type { AppRouter } from "@/trpc/routers/_app";
import { compactNumber, formatNumber, recentMonths } from "./months";
import { UsageChart } from "./usage-chart";

/** A month of the team's usage: daily chart, one row per member (or just yours), CSV export. */
export function TeamUsageView({ initialMonth, now }: { initialMonth: string; now: string }) {
  const trpc = useTRPC();
  const [month, setMonth] = useState(initialMonth);
  const report = useQuery(trpc.teamUsage.report.queryOptions({ month }, { placeholderData: (previous) => previous }));
  const months = recentMonths(new Date(now));

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-end justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <CardTitle>Usage</CardTitle>
          <CardDescription>
            {report.data?.scope === "own" ? "Your runs, and your team's totals." : "Every member's runs."} Days are in UTC.
          </CardDescription>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <OptionSelect label="Month" value={month} onValueChange={setMonth} options={months} size="sm" className="w-44" />
          <a href={`/team/usage/export?month=${month}`} className={buttonClasses({ variant: "outline", size: "sm" })} download>
            <Download aria-hidden />
            CSV
          </a>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        {report.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {errorMessage(report.error)}
          </p>
        ) : !report.data ? (
          <Skeleton className="h-64 w-full" />
        ) : (
          <>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              <Stat label="Runs" value={formatNumber(report.data.total.runs)} />
              <Stat label="Credits" value={formatNumber(report.data.total.credits)} />
              <Stat label="Tokens" value={compactNumber(report.data.total.promptTokens + report.data.total.completionTokens)} />
              <Stat label="Failures" value={formatNumber(report.data.total.failures)} />
            </dl>
            <UsageChart month={report.data.month} days={report.data.days} />
            <MembersTable report={report.data} />
          </>
        )}
      </CardContent>
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-border p-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

type Report = inferRouterOutputs<AppRouter>["teamUsage"]["report"];

function MembersTable({ report }: { report: Report }) {
  const rows = report.members;
  return (
    <table className="w-full table-fixed text-sm" aria-label="Usage per member">
      <thead>
        <tr className="border-b border-border text-left text-xs text-muted-foreground">
          <th scope="col" className="w-[40%] py-2 font-medium">Member</th>
          <th scope="col" className="py-2 text-right font-medium">Runs</th>
          <th scope="col" className="py-2 text-right font-medium">Credits</th>
          <th scope="col" className="py-2 text-right font-medium">Tokens</th>
          <th scope="col" className="py-2 text-right font-medium">Failures</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.userId ?? "deleted"} className="border-b border-border/60">
            <th scope="row" className="truncate py-2 pr-2 text-left font-normal" title={row.email ?? undefined}>
              {row.name || row.email || "Deleted account"}
            </th>
            <Cells row={row} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="font-medium">
          <th scope="row" className="py-2 text-left">
            Team total
          </th>
          <Cells row={report.total} />
        </tr>
      </tfoot>
    </table>
  );
}

function Cells({ row }: { row: Report["total"] }) {
  return (
    <>
      <td className="py-2 text-right tabular-nums">{formatNumber(row.runs)}</td>
      <td className="py-2 text-right tabular-nums">{formatNumber(row.credits)}</td>
      <td className="py-2 text-right tabular-nums" title={`${formatNumber(row.promptTokens)} prompt + ${formatNumber(row.completionTokens)} completion`}>
        {compactNumber(row.promptTokens + row.completionTokens)}
      </td>
      <td className="py-2 text-right tabular-nums">{formatNumber(row.failures)}</td>
    </>
  );
}
