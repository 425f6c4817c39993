// Run by bench/tracker-load.ts (under react-server, with the studio's DATA_DIR and gateway
// settings): sends N image jobs to the gateway and stores each as the studio's submit step
// would (the same "submitted" transition), so the running studio's tracker finds N jobs in
// flight at once. The studio's own path caps in-flight jobs at GATEWAY_MAX_IN_FLIGHT (≤ 64),
// which is why the bench fills them in this way. Prints: RESULT <json>.
//
//   node --conditions=react-server --import tsx bench/support/in-flight-child.ts N
import { randomUUID } from "node:crypto";

const PARALLEL = 16;
let retries = 0;

/**
 * A network error on a reused keep-alive socket happens now and then at this rate; sending the
 * job again costs the benchmark at most an orphan request at the sandbox.
 */
async function submitRetrying<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (attempt >= 4) throw err;
      retries++;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

async function main() {
  const count = Number(process.argv[2]);
  const { gatewayClient } = await import("@/lib/gateway/configured");
  const { createJobRow } = await import("@/lib/db/jobs");
  const { transition } = await import("@/lib/jobs/transitions");
  const { newToken } = await import("@/lib/jobs/tokens");

  let next = 0;
  const t0 = performance.now();
  const one = async (i: number) => {
    const body = { prompt: `tracker load ${i}`, image_size: "square", seed: i };
    const { requestId } = await submitRetrying(() => gatewayClient().submit("hunyuan-image", body));
    const sending = {
      state: "SUBMITTING",
      failures: 0,
      pollCount: 0,
      sendingAt: new Date(),
      submittedAt: null,
      startedAt: null,
      lastPollAt: null,
    };
    const move = transition(
      sending,
      { type: "submitted", requestId, hasWebhook: false },
      new Date(),
    );
    if (!move) throw new Error("the submitted transition refused a SUBMITTING job");
    await createJobRow({
      id: randomUUID(),
      kind: "image",
      model: "hunyuan-image",
      prompt: body.prompt,
      params: JSON.stringify(body),
      seed: i,
      webhookToken: newToken(),
      ...move.patch,
      state: move.patch.state ?? "QUEUED",
    });
  };
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < count) await one(next++);
    }),
  );
  console.log(`RESULT ${JSON.stringify({ jobs: count, ms: performance.now() - t0, retries })}`);
  process.exit(0);
}

/** For bench/tracker-load.ts, which runs this file in a process of its own. */
export const IN_FLIGHT_CHILD = __filename;

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
