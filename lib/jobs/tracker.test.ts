// The tracker and its steps on a real SQLite database, with a gateway faked in memory: the
// slot limit, submits and their failures, polls, completion, downloads and recovery.
import sharp from "sharp";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openTestDatabase } from "@/lib/db/test-database";
import type { GatewayClient } from "@/lib/gateway/client";
import { GatewayError } from "@/lib/gateway/errors";
import type { StatusResponse } from "@/lib/gateway/models";
import type { JobState } from "./states";

const gateway = {
  submitted: [] as { model: string; body: object; webhookUrl?: string }[],
  submit: null as null | (() => Promise<{ requestId: string }>),
  status: new Map<string, () => Promise<StatusResponse>>(),
};

const fake: GatewayClient = {
  baseUrl: "http://gateway.test",
  async submit(model, body, opts) {
    gateway.submitted.push({ model, body, webhookUrl: opts?.webhookUrl });
    return gateway.submit ? gateway.submit() : { requestId: `req-${gateway.submitted.length}` };
  },
  async status(requestId) {
    const answer = gateway.status.get(requestId);
    if (!answer) throw new Error(`no status for ${requestId}`);
    return answer();
  },
};

vi.mock("@/lib/gateway/configured", () => ({
  gatewayClient: () => fake,
  gatewayAllowHosts: () => [],
  callbackBaseUrl: () => undefined,
}));

process.env.GATEWAY_MAX_IN_FLIGHT = "4";
const t = await openTestDatabase();
const { db } = t;
const { Tracker } = await import("./tracker");
const { createJobRow } = await import("@/lib/db/jobs");

afterAll(() => t.close());

let serial = 0;
let tracker: InstanceType<typeof Tracker>;

beforeEach(async () => {
  await db.output.deleteMany();
  await db.job.deleteMany();
  gateway.submitted = [];
  gateway.submit = null;
  gateway.status.clear();
  tracker = new Tracker();
});

function makeJob(state: JobState = "WAITING", data: Record<string, unknown> = {}) {
  serial++;
  return createJobRow({
    id: `job-${serial}`,
    kind: "image",
    model: "hunyuan-image",
    prompt: "a teapot",
    params: JSON.stringify({ prompt: "a teapot", seed: 7 }),
    state,
    webhookToken: `token-${serial}`,
    createdAt: new Date(Date.now() - 60_000 + serial),
    ...data,
  });
}

const row = (id: string) => db.job.findUniqueOrThrow({ where: { id }, include: { outputs: true } });
const answer =
  (status: StatusResponse["status"], more: Partial<StatusResponse> = {}) =>
  () =>
    Promise.resolve({ request_id: "r", status, ...more } as StatusResponse);
/** Makes every tracked job due for a status read now. */
const due = () => db.job.updateMany({ data: { nextPollAt: new Date(Date.now() - 1) } });

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("the tracker", () => {
  it("sends no more jobs than the slots allow, oldest first", async () => {
    const jobs = [];
    for (let i = 0; i < 6; i++) jobs.push(await makeJob());
    await tracker.tick();
    const states = await Promise.all(jobs.map(async (j) => (await row(j.id)).state));
    expect(states).toEqual(["QUEUED", "QUEUED", "QUEUED", "QUEUED", "WAITING", "WAITING"]);
    expect(gateway.submitted).toHaveLength(4);
    expect(gateway.submitted[0]).toEqual({
      model: "hunyuan-image",
      body: { prompt: "a teapot", seed: 7 },
      webhookUrl: undefined,
    });
    const queued = await row(jobs[0].id);
    expect(queued).toMatchObject({ requestId: "req-1", leaseOwner: null, pollCount: 0 });
    expect(queued.sendingAt).not.toBeNull();
  });

  it("follows a job from waiting to a stored image", async () => {
    const job = await makeJob();
    await tracker.tick();
    const { requestId } = await row(job.id);
    gateway.status.set(requestId!, answer("PROCESSING"));
    await due();
    expect(await tracker.tick()).toBe(false);
    expect(await row(job.id)).toMatchObject({ state: "PROCESSING", pollCount: 1 });

    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#36c" } })
      .png()
      .toBuffer();
    const media_url = [`data:image/png;base64,${png.toString("base64")}`];
    gateway.status.set(requestId!, answer("COMPLETED", { output: { media_url } }));
    await due();
    // A completion leaves downloads due, so the tracker goes round again at once.
    expect(await tracker.tick()).toBe(true);
    const done = await until(
      () => row(job.id),
      (j) => j.outputs[0]?.state === "STORED",
    );
    expect(done.state).toBe("COMPLETED");
    expect(done.outputs[0]).toMatchObject({
      state: "STORED",
      attempts: 1,
      sourceUrl: "data:,stored",
      mimeType: "image/png",
      width: 8,
    });
  });

  it("ends a job the way the gateway's status says", async () => {
    const job = await makeJob("QUEUED", { requestId: "req-x" });
    gateway.status.set("req-x", answer("ERROR", { error: "GPU lost" }));
    await tracker.tick();
    expect(await row(job.id)).toMatchObject({
      state: "ERROR",
      errorMessage: "The gateway had a system error: GPU lost You were not charged for it.",
      leaseOwner: null,
    });
  });

  it("counts failed status reads and keeps following", async () => {
    const job = await makeJob("QUEUED", { requestId: "req-y" });
    await tracker.tick();
    const r = await row(job.id);
    expect(r).toMatchObject({ state: "QUEUED", failures: 1, leaseOwner: null });
    expect(r.lastPollError).toBe("Error: no status for req-y");
    expect(r.nextPollAt!.getTime() - r.lastPollAt!.getTime()).toBeGreaterThanOrEqual(1000);
  });

  it("waits and sends again when the gateway certainly refused for now", async () => {
    const job = await makeJob();
    gateway.submit = () =>
      Promise.reject(
        new GatewayError({
          code: "rate_limited",
          userMessage: "Busy.",
          retryable: true,
          accepted: false,
          retryAfterMs: 60_000,
        }),
      );
    await tracker.tick();
    const r = await row(job.id);
    expect(r).toMatchObject({
      state: "WAITING",
      failures: 1,
      lastPollError: "Busy.",
      sendingAt: null,
    });
    expect(r.nextPollAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    await tracker.tick();
    expect(gateway.submitted).toHaveLength(1); // not due yet
  });

  it("does not send twice when the gateway may have taken the job", async () => {
    const job = await makeJob();
    gateway.submit = () =>
      Promise.reject(
        new GatewayError({
          code: "timeout",
          userMessage: "Slow.",
          retryable: true,
          accepted: null,
        }),
      );
    await tracker.tick();
    expect(await row(job.id)).toMatchObject({ state: "UNKNOWN", errorCode: "timeout" });
    await tracker.tick();
    expect(gateway.submitted).toHaveLength(1);
  });

  it("settles submits a stopped process left behind", async () => {
    const expired = new Date(Date.now() - 1000);
    const unsent = await makeJob("SUBMITTING", { leaseOwner: "dead", leaseUntil: expired });
    const maybeSent = await makeJob("SUBMITTING", {
      leaseOwner: "dead",
      leaseUntil: expired,
      sendingAt: expired,
    });
    const live = await makeJob("SUBMITTING", {
      leaseOwner: "alive",
      leaseUntil: new Date(Date.now() + 60_000),
    });
    await tracker.tick();
    // Back in the queue, then sent in the same tick.
    expect((await row(unsent.id)).state).toBe("QUEUED");
    expect(await row(maybeSent.id)).toMatchObject({
      state: "UNKNOWN",
      errorCode: "submit_unknown",
    });
    expect(await row(live.id)).toMatchObject({ state: "SUBMITTING", leaseOwner: "alive" });
    expect(gateway.submitted).toHaveLength(1);
  });

  it("reads a job's status at once when nudged", async () => {
    const job = await makeJob("QUEUED", {
      requestId: "req-z",
      nextPollAt: new Date(Date.now() + 60_000),
    });
    gateway.status.set("req-z", answer("PROCESSING"));
    await tracker.hint(job.id);
    expect((await row(job.id)).state).toBe("PROCESSING");
  });

  it("never reads a nudged job's status twice in a second", async () => {
    // Read "just now" as far as the once-a-second rule can tell, however slow this machine is.
    const lastPollAt = new Date(Date.now() + 5000);
    const job = await makeJob("QUEUED", {
      requestId: "req-w",
      nextPollAt: new Date(Date.now() + 60_000),
      lastPollAt,
    });
    gateway.status.set("req-w", answer("PROCESSING"));
    await tracker.hint(job.id);
    const r = await row(job.id);
    expect(r.state).toBe("QUEUED");
    expect(r.nextPollAt).toEqual(new Date(lastPollAt.getTime() + 1000));
  });

  it("ignores a nudge for a job that is not being followed", async () => {
    const job = await makeJob("COMPLETED");
    await tracker.hint(job.id);
    await tracker.hint("no-such-job");
    expect((await row(job.id)).version).toBe(job.version);
  });
});
