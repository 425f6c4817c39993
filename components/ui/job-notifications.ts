// What the studio says when jobs end while the designer looks elsewhere: which jobs ended since
// the last look, and the words for them.
import type { BrowserJob } from "@/lib/jobs/browser-job";
import { isEnded, isInFlight, type JobState } from "@/lib/jobs/states";

/** The jobs that were in flight in `previous` and have ended in `jobs`. */
export function endedSince(previous: ReadonlyMap<string, JobState>, jobs: BrowserJob[]) {
  return jobs.filter((j) => {
    const before = previous.get(j.id);
    return before !== undefined && isInFlight(before) && isEnded(j.state);
  });
}

function quoted(job: BrowserJob): string {
  const text = job.prompt.trim() || job.modelLabel;
  return `“${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`;
}

/** A title and a body for a toast or a system notification. */
export function finishText(ended: BrowserJob[]): { title: string; body: string; failed: boolean } {
  const failed = ended.filter((j) => j.state !== "COMPLETED");
  const done = ended.length - failed.length;
  if (ended.length === 1) {
    const [job] = ended;
    return failed.length
      ? { title: "A job failed", body: `${quoted(job)}: ${job.error ?? "no result"}`, failed: true }
      : {
          title: `${job.kind === "mesh" ? "3D model" : "Image"} ready`,
          body: quoted(job),
          failed: false,
        };
  }
  const parts = [`${done} finished`];
  if (failed.length) parts.push(`${failed.length} failed`);
  return { title: `${ended.length} jobs ended`, body: parts.join(", "), failed: failed.length > 0 };
}
