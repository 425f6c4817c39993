// One job by id, as a lineage link asks for it, against a real SQLite database.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "@/lib/db/test-database";

const t = await openTestDatabase();
const { GET } = await import("./route");
const { db } = t;

afterAll(() => t.close());

async function makeJob(data: { hiddenAt?: Date } = {}) {
  return db.job.create({
    data: {
      id: randomUUID(),
      kind: "image",
      model: "hunyuan-image",
      prompt: "a lighthouse at dusk",
      params: JSON.stringify({ prompt: "a lighthouse at dusk" }),
      state: "COMPLETED",
      webhookToken: randomUUID(),
      ...data,
    },
  });
}

const get = (id: string) =>
  GET(new Request(`http://localhost/api/jobs/${id}`), { params: Promise.resolve({ id }) });

describe("GET /api/jobs/[id]", () => {
  it("answers the job as the gallery shows it, without secrets", async () => {
    const job = await makeJob();
    const res = await get(job.id);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: job.id, prompt: "a lighthouse at dusk", kind: "image" });
    expect(JSON.stringify(body)).not.toContain(job.webhookToken);
  });

  it("says a hidden or unknown job is gone, and refuses what is not an id", async () => {
    const hidden = await makeJob({ hiddenAt: new Date() });
    for (const id of [hidden.id, randomUUID()]) {
      const res = await get(id);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    const bad = await get("../../etc/passwd");
    expect(bad.status).toBe(400);
  });
});
