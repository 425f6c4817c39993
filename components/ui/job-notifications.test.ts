import { describe, expect, it } from "vitest";
import type { JobState } from "@/lib/jobs/states";
import { browserJob } from "@/lib/testing/browser-job";
import { endedSince, finishText } from "./job-notifications";

const states = (entries: [number, JobState][]) =>
  new Map(entries.map(([n, s]) => [browserJob(n).id, s]));

describe("endedSince", () => {
  it("names the jobs that went from in flight to ended, and no others", () => {
    const before = states([
      [1, "PROCESSING"],
      [2, "QUEUED"],
      [3, "COMPLETED"],
      [4, "WAITING"],
    ]);
    const now = [
      browserJob(1, { state: "COMPLETED" }),
      browserJob(2, { state: "PROCESSING" }),
      browserJob(3, { state: "COMPLETED" }),
      browserJob(4, { state: "FAILED" }),
      browserJob(5, { state: "COMPLETED" }),
    ];
    expect(endedSince(before, now).map((j) => j.prompt)).toEqual(["job 1", "job 4"]);
  });
});

describe("finishText", () => {
  it("names one finished job by its prompt and kind", () => {
    expect(finishText([browserJob(1, { prompt: "a red fox" })])).toEqual({
      title: "Image ready",
      body: "“a red fox”",
      failed: false,
    });
    expect(finishText([browserJob(1, { kind: "mesh", prompt: "" })]).title).toBe("3D model ready");
  });

  it("says why one job failed and shortens a long prompt", () => {
    const text = finishText([
      browserJob(1, { state: "FAILED", error: "Content blocked", prompt: "x".repeat(100) }),
    ]);
    expect(text.failed).toBe(true);
    expect(text.title).toBe("A job failed");
    expect(text.body).toBe(`“${"x".repeat(59)}…”: Content blocked`);
  });

  it("counts several", () => {
    const text = finishText([
      browserJob(1),
      browserJob(2),
      browserJob(3, { state: "ERROR", error: "boom" }),
    ]);
    expect(text).toEqual({ title: "3 jobs ended", body: "2 finished, 1 failed", failed: true });
  });
});
