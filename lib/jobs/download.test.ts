// The download step on a real SQLite database, against media links served over HTTP and a gateway
// faked in memory: expired links replaced by reading the job's status again, outputs written
// only under their lease, giving up after the window, and "Fetch again".
import http from "node:http";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openTestDatabase } from "@/lib/db/test-database";
import type { GatewayClient } from "@/lib/gateway/client";
import type { StatusResponse } from "@/lib/gateway/models";

const gateway = {
  submits: 0,
  reads: 0,
  /** The media links the n-th status read (1-based) hands out. */
  links: (n: number): string[] => [`${media}/fresh/${n}/0.png`],
};
const fake: GatewayClient = {
  baseUrl: "http://gateway.test",
  async submit() {
    gateway.submits++;
    return { requestId: `req-${gateway.submits}` };
  },
  async status(requestId) {
    gateway.reads++;
    const media_url = gateway.links(gateway.reads);
    return { request_id: requestId, status: "COMPLETED", output: { media_url } } as StatusResponse;
  },
};
let media = "";
let allow: string[] = [];

vi.mock("@/lib/gateway/configured", () => ({
  gatewayClient: () => fake,
  gatewayAllowHosts: () => allow,
  callbackBaseUrl: () => undefined,
}));

const t = await openTestDatabase();
const { db } = t;
const { Tracker } = await import("./tracker");
const { downloadOutput, fetchOutputAgain } = await import("./download");
const { claimOutput } = await import("@/lib/db/outputs");
const { createJobRow } = await import("@/lib/db/jobs");

/** Paths: /fresh/... serves a PNG, /expired/... answers 403, /gone/... 404, /held/... waits. */
let release: () => void = () => {};
let png: Buffer;
const server = http.createServer((req, res) => {
  const send = () => res.writeHead(200, { "content-length": png.length }).end(png);
  if (req.url!.startsWith("/fresh/")) return send();
  if (req.url!.startsWith("/expired/")) return res.writeHead(403).end("expired");
  if (req.url!.startsWith("/held/")) return void (release = send);
  res.writeHead(404).end("gone");
});

beforeAll(async () => {
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#3c6" } })
    .png()
    .toBuffer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  media = `http://${host}`;
  allow = [host];
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await t.close();
});

let tracker: InstanceType<typeof Tracker>;
beforeEach(async () => {
  await db.output.deleteMany();
  await db.job.deleteMany();
  Object.assign(gateway, { submits: 0, reads: 0 });
  tracker = new Tracker();
});
afterAll(() => tracker.stop());

let serial = 0;
function makeJob(data: Record<string, unknown> = {}) {
  serial++;
  return createJobRow({
    id: `job-${serial}`,
    kind: "image",
    model: "hunyuan-image",
    prompt: "a teapot",
    params: JSON.stringify({ prompt: "a teapot" }),
    state: "WAITING",
    webhookToken: `token-${serial}`,
    ...data,
  });
}

const outputsOf = (jobId: string) =>
  db.output.findMany({ where: { jobId }, orderBy: { index: "asc" } });

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("the download step", () => {
  it("stores outputs whose first links expired after reading the job's status again, sending once", async () => {
    gateway.links = (n) =>
      [0, 1, 2, 3].map((i) => `${media}/${n === 1 ? "expired" : "fresh"}/${n}/${i}.png`);
    const job = await makeJob();
    await tracker.tick();
    await db.job.update({ where: { id: job.id }, data: { nextPollAt: new Date() } });
    tracker.start();
    try {
      const outs = await until(
        () => outputsOf(job.id),
        (o) => o.length === 4 && o.every((x) => x.state === "STORED"),
      );
      expect(outs.map((o) => o.state)).toEqual(["STORED", "STORED", "STORED", "STORED"]);
      for (const o of outs) {
        expect(o.sourceUrl).toMatch(/\/fresh\//);
        expect(o.attempts).toBeGreaterThanOrEqual(2);
        expect(o).toMatchObject({ needsFreshLink: false, leaseOwner: null, errorMessage: null });
      }
    } finally {
      tracker.stop();
    }
    expect(gateway.submits).toBe(1);
    // The poll that completed the job, then fresh-link reads shared by the four outputs.
    expect(gateway.reads).toBeGreaterThanOrEqual(2);
    expect(gateway.reads).toBeLessThanOrEqual(4);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).state).toBe("COMPLETED");
  });

  it("writes nothing for a process whose lease ran out and was taken over", async () => {
    const job = await makeJob({ state: "COMPLETED", requestId: "req-held" });
    const out = await db.output.create({
      data: {
        id: "out-held",
        jobId: job.id,
        index: 0,
        sourceUrl: `${media}/held/0.png`,
        state: "PENDING",
        publicToken: "public-held",
      },
    });
    expect(await claimOutput(out.id, "slow", new Date(), 50)).toBe(true);
    const slow = downloadOutput(out.id, "slow");
    await new Promise((r) => setTimeout(r, 200));
    // The slow one's lease has run out; another process takes the output and fails it for good.
    expect(await claimOutput(out.id, "other", new Date(), 60_000)).toBe(true);
    const hopeless = { state: "FAILED", errorMessage: "Given up by the other process." };
    await db.output.update({ where: { id: out.id }, data: { ...hopeless, leaseOwner: null } });
    release();
    await slow;
    expect(await db.output.findUniqueOrThrow({ where: { id: out.id } })).toMatchObject({
      ...hopeless,
      mediaKey: null,
    });
  });

  it("gives up a day after the first failure, and Fetch again starts over without a new job", async () => {
    gateway.links = (n) => [`${media}/gone/${n}/0.png`];
    const job = await makeJob({ state: "COMPLETED", requestId: "req-gone" });
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000 - 1);
    // Left so by an earlier process, whose lease ran out when it stopped.
    await db.output.create({
      data: {
        id: "out-gone",
        jobId: job.id,
        index: 0,
        sourceUrl: `${media}/gone/0/0.png`,
        state: "PENDING",
        publicToken: "public-gone",
        failures: 70,
        firstFailedAt: dayAgo,
        needsFreshLink: true,
        leaseOwner: "stopped",
        leaseUntil: new Date(Date.now() - 1000),
      },
    });
    await tracker.tick();
    const failed = await until(
      () => db.output.findUniqueOrThrow({ where: { id: "out-gone" } }),
      (o) => o.state !== "PENDING",
    );
    expect(failed.state).toBe("FAILED");
    expect(failed.errorMessage).toBe(
      "The output link answered 404: the file is gone or expired. The studio kept trying, with fresh links from the gateway, for 24 hours. Fetch again tries for another 24 hours, without sending the job again.",
    );
    expect(gateway.reads).toBe(1);

    expect(await fetchOutputAgain("out-gone")).toBe("restarted");
    expect(await fetchOutputAgain("out-gone")).toBe("pending");
    expect(await fetchOutputAgain("no-such-output")).toBe("missing");
    gateway.links = (n) => [`${media}/fresh/${n}/0.png`];
    await db.job.update({ where: { id: job.id }, data: { lastPollAt: null } });
    await tracker.tick();
    const stored = await until(
      () => db.output.findUniqueOrThrow({ where: { id: "out-gone" } }),
      (o) => o.state === "STORED",
    );
    expect(stored).toMatchObject({ state: "STORED", failures: 0, firstFailedAt: null });
    expect(gateway.reads).toBe(2);
    expect(gateway.submits).toBe(0);
    expect(await fetchOutputAgain("out-gone")).toBe("stored");
  });
});
