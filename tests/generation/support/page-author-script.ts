import { reply, type ScriptedOpenAI } from "../../support/scripted-openai";

/** A page small enough to cost the sandbox almost nothing, naming the prompt's marker. */
export function authoredPage(marker: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page ${marker}</title></head><body><main><h1>Made for ${marker}</h1></main></body></html>`;
}

/** The `[word-number]` marker of a prompt, e.g. "[run-7]" (the last one: follow-ups quote earlier turns). */
export function markerOf(text: string): string | null {
  return text.match(/\[[a-z]+-\d+\]/g)?.at(-1) ?? null;
}

/**
 * A stateless script for any number of parallel runs: write one tiny index.html naming the
 * prompt's marker, then (after the tool result) summarise. A prompt with "[slow-…]" in it gets
 * its summary after `slowMs`, so a run stays RUNNING long enough to be watched.
 */
export function scriptPageAuthor(model: ScriptedOpenAI, { slowMs = 2_000 } = {}) {
  model.whenExhausted((request) => {
    const prompt = request.messages.find((m) => m.role === "user")?.content ?? "";
    const marker = markerOf(prompt) ?? "[unmarked]";
    if (request.messages.at(-1)?.role !== "tool") return reply.writeFiles({ "index.html": authoredPage(marker) });
    return reply.summary(`Built the page for ${marker}.`, marker.startsWith("[slow-") ? slowMs : undefined);
  });
}
