// Share links against a real database: what a token opens, and when it stops.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "@/lib/db/test-database";

const t = await openTestDatabase();
const { createShareLink, liveShareLinks, openShare, revokeShareLink } = await import("./links");
const { db } = t;

afterAll(() => t.close());

async function makeJob(prompt = "a shared teapot") {
  return db.job.create({
    data: {
      id: randomUUID(),
      kind: "image",
      model: "hunyuan-image",
      prompt,
      params: JSON.stringify({ prompt }),
      state: "COMPLETED",
      webhookToken: randomUUID(),
    },
  });
}

const DAY = 86_400_000;

describe("share links", () => {
  it("open their job until they expire, and keep only a hash of the token", async () => {
    const job = await makeJob();
    const now = new Date("2030-01-01T00:00:00Z");
    const made = (await createShareLink(job.id, 7, now))!;
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.shareLink.findUniqueOrThrow({ where: { id: made.id } });
    expect(JSON.stringify(row)).not.toContain(made.token);

    expect(await openShare(made.token, new Date(now.getTime() + 6 * DAY))).toMatchObject({
      ok: true,
      jobId: job.id,
    });
    expect(await openShare(made.token, new Date(now.getTime() + 7 * DAY))).toMatchObject({
      ok: false,
      why: "expired",
    });
  });

  it("say revoked once revoked, and invalid when tampered with, unknown or the job is gone", async () => {
    const job = await makeJob();
    const made = (await createShareLink(job.id, 1))!;
    const flipped = (made.token[0] === "A" ? "B" : "A") + made.token.slice(1);
    expect(await openShare(flipped)).toEqual({ ok: false, why: "invalid" });
    expect(await openShare(`${made.token}x`)).toEqual({ ok: false, why: "invalid" });
    expect(await openShare("../../etc/passwd")).toEqual({ ok: false, why: "invalid" });

    await revokeShareLink(made.id);
    await revokeShareLink(made.id); // twice is not an error
    expect(await openShare(made.token)).toMatchObject({ ok: false, why: "revoked" });

    const hidden = await makeJob("a hidden one");
    const link = (await createShareLink(hidden.id, 1))!;
    await db.job.update({ where: { id: hidden.id }, data: { hiddenAt: new Date() } });
    expect(await openShare(link.token)).toEqual({ ok: false, why: "invalid" });
    expect(await createShareLink(hidden.id, 1)).toBeNull();
  });

  it("lists only live links, newest first, without tokens", async () => {
    await db.shareLink.deleteMany();
    const a = await makeJob("first shared");
    const b = await makeJob("second shared");
    const now = new Date();
    const old = (await createShareLink(a.id, 1, new Date(now.getTime() - 2 * DAY)))!;
    const first = (await createShareLink(a.id, 7, new Date(now.getTime() - 1000)))!;
    const second = (await createShareLink(b.id, 30, now))!;
    const revoked = (await createShareLink(b.id, 30, now))!;
    await revokeShareLink(revoked.id);
    const live = await liveShareLinks();
    expect(live.map((l) => l.id)).toEqual([second.id, first.id]);
    expect(live[0]).toMatchObject({ prompt: "second shared", modelLabel: "Hunyuan Image v3" });
    expect(JSON.stringify(live)).not.toContain(first.token);
    expect(live.map((l) => l.id)).not.toContain(old.id);
  });
});
