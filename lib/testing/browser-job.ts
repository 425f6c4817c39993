// A finished image job as the browser sees it, numbered so tests can tell jobs apart and sort
// them by time; `extra` changes what a test is about.
import { describedJob, type BrowserJob } from "@/lib/jobs/browser-job";

export function browserJob(n: number, extra: Partial<BrowserJob> = {}): BrowserJob {
  return {
    ...describedJob({
      id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
      model: "hunyuan-image",
      prompt: `job ${n}`,
      params: {},
      seed: null,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    }),
    ...extra,
  };
}
