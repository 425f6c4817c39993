"use client";
// The studio screen: the composer beside the gallery, and the dialogs they open.
import { useState } from "react";
import { Composer } from "@/components/composer/composer";
import type { InputImage } from "@/components/composer/input-image-picker";
import { Gallery } from "@/components/gallery/gallery";
import { ImageView } from "@/components/gallery/image-view";
import { MeshView } from "@/components/gallery/mesh-view";
import { useAddJob, useJobs } from "@/components/gallery/use-jobs";
import { Providers } from "@/components/providers";
import type { ModelId } from "@/lib/gateway/models";
import type { JobView, OutputView } from "@/lib/jobs/view";
import { generate, retryJob } from "../actions";

type Open = { kind: "image" | "mesh"; jobId: string; outputId: string } | null;

function StudioInner({ initialJobs }: { initialJobs: JobView[] }) {
  const { data: jobs, error } = useJobs(initialJobs);
  const addJob = useAddJob();
  const [model, setModel] = useState<ModelId>("hunyuan-image");
  const [input, setInput] = useState<InputImage | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [retryError, setRetryError] = useState<string | null>(null);

  const openJob = open ? jobs.find((j) => j.id === open.jobId) : undefined;
  const openOutput = openJob?.outputs.find((o) => o.id === open?.outputId);

  function make3d(job: JobView, output: OutputView) {
    setModel("hunyuan3d-3-0-api-294");
    setInput({ source: "output", id: output.id, url: output.thumbUrl ?? output.url ?? "", label: job.prompt });
    setOpen(null);
    window.scrollTo({ top: 0, behavior: "smooth" });
  }

  async function retry(job: JobView) {
    setRetryError(null);
    const r = await retryJob({ jobId: job.id });
    if (r.ok) addJob(r.data);
    else setRetryError(r.message);
  }

  return (
    <div className="mx-auto grid max-w-[1600px] grid-cols-1 gap-6 px-4 pb-16 pt-6 lg:grid-cols-[24rem_1fr] lg:px-8">
      <aside className="lg:sticky lg:top-6 lg:self-start">
        <div className="rounded-2xl border border-neutral-800 bg-neutral-900/50 p-5">
          <Composer
            generate={generate}
            onCreated={addJob}
            input={input}
            onInputChange={setInput}
            model={model}
            onModelChange={setModel}
          />
        </div>
      </aside>
      <main className="min-w-0">
        {error ? (
          <p role="alert" className="mb-3 rounded-lg border border-amber-500/30 bg-amber-500/10 px-3 py-2 text-xs text-amber-200">
            The gallery could not be refreshed ({error.message}). It will try again.
          </p>
        ) : null}
        {retryError ? (
          <p role="alert" className="mb-3 rounded-lg border border-red-500/30 bg-red-500/10 px-3 py-2 text-xs text-red-200">
            {retryError}
          </p>
        ) : null}
        <Gallery
          jobs={jobs}
          actions={{
            onOpenImage: (job, o) => setOpen({ kind: "image", jobId: job.id, outputId: o.id }),
            onOpenMesh: (job, o) => setOpen({ kind: "mesh", jobId: job.id, outputId: o.id }),
            onMake3d: make3d,
            onRetry: (job) => void retry(job),
          }}
        />
      </main>
      {open && openJob && openOutput ? (
        open.kind === "image" ? (
          <ImageView job={openJob} output={openOutput} onClose={() => setOpen(null)} onMake3d={make3d} />
        ) : (
          <MeshView job={openJob} output={openOutput} onClose={() => setOpen(null)} />
        )
      ) : null}
    </div>
  );
}

export function Studio({ initialJobs }: { initialJobs: JobView[] }) {
  return (
    <Providers>
      <StudioInner initialJobs={initialJobs} />
    </Providers>
  );
}
