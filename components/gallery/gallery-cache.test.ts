import { describe, expect, it } from "vitest";
import { browserJob } from "@/lib/testing/browser-job";
import {
  compareJobs,
  dropJobs,
  insertJob,
  loadedJobs,
  mergeChanges,
  patchJobs,
  syncSince,
  type GalleryPages,
} from "./gallery-cache";

const job = browserJob;

/** Pages of newest-first jobs: [[9, 8], [7, 6]] with more after 6 unless `complete`. */
function view(pages: number[][], opts: { complete?: boolean; total?: number } = {}): GalleryPages {
  return {
    pages: pages.map((ns, i) => ({
      jobs: ns.map((n) => job(n)),
      total: opts.total ?? 100,
      nextCursor: i === pages.length - 1 && opts.complete ? null : `cursor-${i}`,
      asOf: `2026-01-02T00:00:0${i}.000Z`,
    })),
    pageParams: pages.map((_, i) => (i === 0 ? null : `cursor-${i - 1}`)),
  };
}

const ids = (data: GalleryPages) => loadedJobs(data).map((j) => j.prompt);

describe("compareJobs", () => {
  it("puts newer first by default and older first for sort=oldest, ties by id", () => {
    expect(compareJobs(job(2), job(1), undefined)).toBeLessThan(0);
    expect(compareJobs(job(2), job(1), "oldest")).toBeGreaterThan(0);
    const same = job(1, { id: "00000000-0000-4000-8000-00000000000a" });
    expect(compareJobs(same, job(1), "newest")).toBeLessThan(0);
  });
});

describe("mergeChanges", () => {
  it("replaces loaded jobs where they are and drops removed ones", () => {
    const data = view([
      [9, 8],
      [7, 6],
    ]);
    const out = mergeChanges(
      data,
      { jobs: [job(8, { prompt: "eight, starred", favorite: true })], removed: [job(7).id] },
      undefined,
    );
    expect(ids(out)).toEqual(["job 9", "eight, starred", "job 6"]);
    expect(out.pages[1].total).toBe(99);
  });

  it("inserts a new job in sort order inside the loaded range, and counts it", () => {
    const out = mergeChanges(
      view([
        [9, 7],
        [5, 3],
      ]),
      { jobs: [job(6), job(10)], removed: [] },
      undefined,
    );
    expect(ids(out)).toEqual(["job 10", "job 9", "job 7", "job 6", "job 5", "job 3"]);
    expect(out.pages[0].jobs).toHaveLength(3);
    expect(out.pages.at(-1)!.total).toBe(102);
  });

  it("leaves a job past the loaded range for its page", () => {
    const out = mergeChanges(view([[9, 8]]), { jobs: [job(2)], removed: [] }, undefined);
    expect(ids(out)).toEqual(["job 9", "job 8"]);
  });

  it("appends past the end when every page is loaded", () => {
    const out = mergeChanges(
      view([[9, 8]], { complete: true }),
      { jobs: [job(2)], removed: [] },
      undefined,
    );
    expect(ids(out)).toEqual(["job 9", "job 8", "job 2"]);
  });

  it("follows sort=oldest", () => {
    const data = view([[1, 3]], { complete: false });
    const out = mergeChanges(data, { jobs: [job(2), job(9)], removed: [] }, "oldest");
    expect(ids(out)).toEqual(["job 1", "job 2", "job 3"]);
  });

  it("marks every page current as of the answer", () => {
    const out = mergeChanges(
      view([[9], [8]]),
      { jobs: [], removed: [], asOf: "2026-01-03T00:00:00.000Z" },
      undefined,
    );
    expect(out.pages.map((p) => p.asOf)).toEqual([
      "2026-01-03T00:00:00.000Z",
      "2026-01-03T00:00:00.000Z",
    ]);
  });
});

describe("syncSince", () => {
  it("is the earliest asOf, so a page read before a change is corrected by the next poll", () => {
    const data = view([[9], [8]]);
    data.pages[0].asOf = "2026-01-05T00:00:00.000Z";
    expect(syncSince(data)).toBe("2026-01-02T00:00:01.000Z");
  });
});

describe("edits", () => {
  it("patches, drops and inserts", () => {
    let data = view([[9, 8]], { total: 2, complete: true });
    data = patchJobs(data, [job(9).id], (j) => ({ ...j, favorite: true }));
    expect(loadedJobs(data)[0].favorite).toBe(true);
    data = dropJobs(data, [job(8).id]);
    expect(ids(data)).toEqual(["job 9"]);
    expect(data.pages[0].total).toBe(1);
    data = insertJob(data, job(12), undefined);
    expect(ids(data)).toEqual(["job 12", "job 9"]);
    data = insertJob(data, job(12, { state: "PROCESSING" }), undefined);
    expect(loadedJobs(data)).toHaveLength(2);
    expect(loadedJobs(data)[0].state).toBe("PROCESSING");
  });
});
