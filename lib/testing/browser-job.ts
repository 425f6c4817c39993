// A finished image job as the browser sees it, numbered so tests can tell jobs apart and sort
// them by time; `extra` changes what a test is about.
import type { BrowserJob } from "@/lib/jobs/browser-job";

export function browserJob(n: number, extra: Partial<BrowserJob> = {}): BrowserJob {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  return {
    id,
    kind: "image",
    model: "hunyuan-image",
    modelLabel: "Hunyuan Image v3",
    prompt: `job ${n}`,
    params: {},
    seed: null,
    state: "COMPLETED",
    favorite: false,
    error: null,
    note: null,
    waitingPlace: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    submittedAt: null,
    startedAt: null,
    finishedAt: null,
    inputImageUrl: null,
    input: null,
    outputs: [],
    boardIds: [],
    lineage: { sourceJobId: null, retryOfId: null, meshJobIds: [] },
    ...extra,
  };
}
