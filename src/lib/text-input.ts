import { z } from "zod";

export const NUL_CHARACTER_MESSAGE = "Text cannot contain the NUL character (\\0).";

/**
 * The base of every string a procedure, action or form accepts. Postgres text cannot hold U+0000,
 * so a NUL that got through would fail deep in a query (a 500 quoting the driver); refusing it
 * here makes it an ordinary BAD_REQUEST. Chain the usual checks after it (`.trim().min().max()`).
 */
export function textInput(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine((value) => !value.includes("\0"), { message: NUL_CHARACTER_MESSAGE, abort: true });
}
