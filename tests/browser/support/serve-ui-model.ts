/**
 * For trying Ollio by hand without a real model: `npx tsx tests/browser/support/serve-ui-model.ts`
 * prints an OPENAI_BASE_URL to start the app with (OPENAI_MODEL=scripted-model).
 * UI_MODEL_DELAY_MS=1500 makes every reply slow enough to watch the progress list.
 */
import { startUIModel } from "./ui-model";

const model = await startUIModel({ delayMs: Number(process.env.UI_MODEL_DELAY_MS ?? 0) });
console.log(`OPENAI_BASE_URL=${model.baseUrl} OPENAI_MODEL=scripted-model OPENAI_API_KEY=unused`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void model.close().then(() => process.exit(0)));
