import pg from "pg";

/**
 * LISTENs on `channel` over a dedicated connection (a pooled one could be handed to someone else
 * and miss notifications) and calls `onNotify` for each. If the connection drops it reconnects;
 * meanwhile pg-boss's polling still picks jobs up, only slower.
 */
export async function listenForJobs(connectionString: string, channel: string, onNotify: () => void) {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString, application_name: "ollio-jobs-listener" });
    next.on("notification", onNotify);
    next.on("error", (error) => {
      console.error("[jobs] notification listener:", error.message);
      reconnectSoon();
    });
    await next.connect();
    await next.query(`LISTEN "${channel.replaceAll('"', "")}"`);
    client = next;
  };
  const reconnectSoon = () => {
    const broken = client;
    client = null;
    void broken?.end().catch(() => {});
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (!closed) connect().catch(reconnectSoon);
    }, 1000);
  };

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
