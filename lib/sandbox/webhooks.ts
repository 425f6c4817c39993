// Webhooks: when a request was sent with X-Webhook-URL, its terminal status is POSTed there once.
// Delivery is recorded in the request's record, so a restarted sandbox delivers what was still
// due (through `resume`) and nothing twice.
import { guardedFetch } from "@/lib/net/guarded-fetch";
import type { Outputs } from "./outputs";
import { stateAt, type Records, type RequestRecord } from "./records";
import { statusBody } from "./status";

export type Webhooks = ReturnType<typeof createWebhooks>;

export function createWebhooks(deps: {
  records: Records;
  outputs: Outputs;
  /** Path prefix the sandbox is mounted under, for media links in the body. */
  prefix: string;
  allowHosts: string[];
  now: () => number;
  stats: { webhooks: number };
}) {
  const { records, outputs, now } = deps;
  const timers = new Map<string, NodeJS.Timeout>();

  /** Arms delivery for when the request should be terminal; idempotent across reads. */
  function schedule(rec: RequestRecord, origin: string) {
    if (!rec.webhookUrl || rec.webhookDelivered || timers.has(rec.id)) return;
    const tick = async () => {
      timers.delete(rec.id);
      const fresh = (await records.load(rec.id)) ?? rec;
      await outputs.ensure(fresh);
      const latest = (await records.load(rec.id)) ?? fresh;
      const at = now();
      const state = stateAt(latest, at);
      if (state === "QUEUED" || state === "PROCESSING") {
        timers.set(rec.id, setTimeout(tick, 250));
        return;
      }
      await deliver(
        latest,
        await outputs.inline(latest, statusBody(latest, at, origin + deps.prefix)),
      );
    };
    timers.set(
      rec.id,
      setTimeout(tick, Math.max(0, rec.createdAt + rec.queuedMs + rec.processingMs - now())),
    );
  }

  /** Three tries, stopping at the first answer below 500; delivered either way after that. */
  async function deliver(rec: RequestRecord, body: unknown) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await guardedFetch(rec.webhookUrl!, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
          timeoutMs: 10_000,
          maxBytes: 64 * 1024,
          allowHosts: deps.allowHosts,
        });
        deps.stats.webhooks++;
        if (res.status < 500) break;
      } catch (err) {
        console.warn("[sandbox] webhook delivery failed", rec.id, (err as Error).message);
      }
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
    }
    rec.webhookDelivered = true;
    await records.save(rec);
  }

  /** After a restart: deliver webhooks that were still due. */
  async function resume(origin: string) {
    for (const id of await records.ids()) {
      const rec = await records.load(id);
      if (rec?.webhookUrl && !rec.webhookDelivered) schedule(rec, origin);
    }
  }

  return { schedule, resume };
}
