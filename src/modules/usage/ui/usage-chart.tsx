"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compactNumber, daysOfMonth, formatNumber } from "./months";

type Day = { day: string; credits: number; promptTokens: number; completionTokens: number };

/** Credits (bars, left axis) and tokens (line, right axis) for every day of the month. */
export function UsageChart({ month, days }: { month: string; days: Day[] }) {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const data = daysOfMonth(month).map((day) => {
    const row = byDay.get(day);
    return { day: day.slice(8).replace(/^0/, ""), credits: row?.credits ?? 0, tokens: row ? row.promptTokens + row.completionTokens : 0 };
  });
  return (
    <figure aria-label="Credits and tokens per day" className="h-64 w-full min-w-0">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--color-border, #e5e7eb)" />
          <XAxis dataKey="day" tickLine={false} fontSize={11} interval="preserveStartEnd" minTickGap={8} />
          <YAxis yAxisId="credits" allowDecimals={false} tickLine={false} fontSize={11} width={40} />
          <YAxis yAxisId="tokens" orientation="right" tickFormatter={compactNumber} tickLine={false} fontSize={11} width={44} />
          <Tooltip formatter={(value, name) => [formatNumber(Number(value)), name === "credits" ? "Credits" : "Tokens"]} labelFormatter={(d) => `Day ${d}`} />
          <Legend formatter={(name) => (name === "credits" ? "Credits" : "Tokens")} wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="credits" dataKey="credits" fill="#4f46e5" radius={[3, 3, 0, 0]} />
          <Line yAxisId="tokens" dataKey="tokens" stroke="#f59e0b" strokeWidth={2} dot={false} type="monotone" />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
