"use client";
// Which job the gallery shows large (an image or a 3D model), how ← and → step through the
// images of the view (loading the next page as the end comes near), and opening a related job
// that the view has not loaded (a lineage link), read from /api/jobs/[id].
import { useCallback, useEffect, useMemo, useState } from "react";
import { useToast } from "@/components/ui/toasts";
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { fetchJson } from "./fetch-json";
import type { ImageSteps } from "./image-view";

interface Open {
  kind: "image" | "mesh";
  jobId: string;
  outputId: string;
  /** The job as read by id, for one the view has not loaded. */
  fetched?: BrowserJob;
}

interface Shown {
  job: BrowserJob;
  output: BrowserOutput;
}

/** Every saved image of the loaded view, in the view's order: what ← and → step through. */
function viewImages(jobs: BrowserJob[]): Shown[] {
  return jobs.flatMap((job) =>
    job.kind === "image"
      ? job.outputs.filter((o) => o.state === "STORED" && o.url).map((output) => ({ job, output }))
      : [],
  );
}

function firstStored(job: BrowserJob) {
  return job.outputs.find((o) => o.state === "STORED");
}

export function useOpenView(jobs: BrowserJob[], more: { has: boolean; load: () => void }) {
  const toast = useToast();
  const [open, setOpen] = useState<Open | null>(null);
  const images = useMemo(() => viewImages(jobs), [jobs]);

  const job = open ? (jobs.find((j) => j.id === open.jobId) ?? open.fetched) : undefined;
  const output = job?.outputs.find((o) => o.id === open?.outputId);
  const at = open ? images.findIndex((s) => s.output.id === open.outputId) : -1;

  const show = useCallback((j: BrowserJob, o: BrowserOutput, fetched?: BrowserJob) => {
    setOpen({ kind: j.kind, jobId: j.id, outputId: o.id, fetched });
  }, []);

  const stepTo = (i: number) => {
    const target = images[i];
    if (!target) return null;
    return { url: target.output.url, go: () => show(target.job, target.output) };
  };
  const { has: hasMore, load } = more;
  const steps: ImageSteps | undefined =
    at < 0
      ? undefined
      : {
          position: at + 1,
          count: images.length,
          more: hasMore,
          previous: stepTo(at - 1),
          next: stepTo(at + 1),
        };
  // Three from the end of what is loaded: fetch the next page so → does not stop.
  const nearEnd = !!steps && hasMore && at >= images.length - 3;
  useEffect(() => {
    if (nearEnd) load();
  }, [nearEnd, load]);

  /** A related job: from the view when loaded, otherwise read by id. */
  const openJob = useCallback(
    async (jobId: string) => {
      const loaded = jobs.find((j) => j.id === jobId);
      let found = loaded;
      if (!found) {
        try {
          found = await fetchJson<BrowserJob>(`/api/jobs/${encodeURIComponent(jobId)}`);
        } catch (err) {
          toast.show(`That job could not be opened: ${(err as Error).message}`, { tone: "error" });
          return;
        }
      }
      const o = firstStored(found);
      if (!o) {
        toast.show("That job has nothing saved to show yet.", { tone: "error" });
        return;
      }
      show(found, o, loaded ? undefined : found);
    },
    [jobs, toast, show],
  );

  return {
    open: open && job && output ? { kind: open.kind, job, output } : null,
    steps: open?.kind === "image" ? steps : undefined,
    show,
    close: useCallback(() => setOpen(null), []),
    openJob,
  };
}
