"use client";
// The studio screen: the composer beside the gallery, and the dialogs they open.
import { useState } from "react";
import { Composer } from "@/components/composer/composer";
import type { ReusedSettings } from "@/components/composer/form-values";
import type { InputImage } from "@/components/composer/input-image-picker";
import { Gallery } from "@/components/gallery/gallery";
import { ImageView } from "@/components/gallery/image-view";
import { MeshView } from "@/components/gallery/mesh-view";
import {
  useAddJob,
  useJobs,
  useGalleryChange,
  type GalleryData,
} from "@/components/gallery/use-jobs";
import { Providers } from "@/components/providers";
import type { ModelId } from "@/lib/gateway/models";
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { fetchAgain, generate, hideJob, restoreJob, retryJob, setFavorite } from "../actions";

type Open = { kind: "image" | "mesh"; jobId: string; outputId: string } | null;

const PAGE = 60;

function StudioInner({ initial }: { initial: GalleryData }) {
  const [limit, setLimit] = useState(PAGE);
  const { data, error, isFetching } = useJobs(initial, limit);
  const jobs = data?.jobs ?? initial.jobs;
  const total = data?.total ?? initial.total;
  const addJob = useAddJob();
  const optimistic = useGalleryChange();
  const [model, setModel] = useState<ModelId>("hunyuan-image");
  const [input, setInput] = useState<InputImage | null>(null);
  // Each "Reuse settings" mounts a fresh composer (new key) that starts from that job's settings.
  const [reused, setReused] = useState<{ key: number; settings: ReusedSettings } | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [removed, setRemoved] = useState<BrowserJob | null>(null);

  const openJob = open ? jobs.find((j) => j.id === open.jobId) : undefined;
  const openOutput = openJob?.outputs.find((o) => o.id === open?.outputId);

  function make3d(job: BrowserJob, output: BrowserOutput) {
    setModel("hunyuan3d-3-0-api-294");
    setInput({
      source: "output",
      id: output.id,
      url: output.thumbUrl ?? output.url ?? "",
      label: job.prompt,
    });
    setOpen(null);
    window.scrollTo({ top: 0, behavior: "smooth" });
  }

  function reuse(job: BrowserJob) {
    setModel(job.model);
    setReused((old) => ({
      key: (old?.key ?? 0) + 1,
      settings: { model: job.model, params: { ...job.params, prompt: job.prompt } },
    }));
    if (job.kind === "mesh" && job.input) {
      setInput({ ...job.input, url: job.inputImageUrl ?? "", label: job.prompt || "Input image" });
    }
    window.scrollTo({ top: 0, behavior: "smooth" });
  }

  async function run<T>(
    work: () => Promise<{ ok: true; data: T } | { ok: false; message: string }>,
  ) {
    setProblem(null);
    const r = await work();
    if (!r.ok) setProblem(r.message);
    return r.ok ? r.data : null;
  }

  const [retrying, setRetrying] = useState<Set<string>>(new Set());

  async function retry(job: BrowserJob) {
    // One click, one new paid job: ignore repeats while the first is on its way.
    if (retrying.has(job.id)) return;
    setRetrying((s) => new Set(s).add(job.id));
    try {
      const made = await run(() => retryJob({ jobId: job.id }));
      if (made) addJob(made);
    } finally {
      setRetrying((s) => {
        const next = new Set(s);
        next.delete(job.id);
        return next;
      });
    }
  }

  async function favorite(job: BrowserJob, value: boolean) {
    await optimistic(
      (all) => all.map((j) => (j.id === job.id ? { ...j, favorite: value } : j)),
      () => run(() => setFavorite({ jobId: job.id, favorite: value })),
    );
  }

  /** Shows the output as being saved again at once; the server's answer then takes over. */
  async function fetchOutput(job: BrowserJob, output: BrowserOutput) {
    const again = (o: BrowserOutput): BrowserOutput =>
      o.id === output.id ? { ...o, state: "PENDING", error: null } : o;
    await optimistic(
      (all) => all.map((j) => (j.id === job.id ? { ...j, outputs: j.outputs.map(again) } : j)),
      () => run(() => fetchAgain({ outputId: output.id })),
    );
  }

  async function remove(job: BrowserJob) {
    const done = await optimistic(
      (all) => all.filter((j) => j.id !== job.id),
      () => run(() => hideJob({ jobId: job.id })),
    );
    if (done) setRemoved(job);
  }

  async function undoRemove() {
    const job = removed;
    setRemoved(null);
    if (job)
      await optimistic(
        (all) => all,
        () => run(() => restoreJob({ jobId: job.id })),
      );
  }

  return (
    <div className="mx-auto grid max-w-[1600px] grid-cols-1 gap-6 px-4 pb-16 pt-6 lg:grid-cols-[24rem_1fr] lg:px-8">
      <aside className="lg:sticky lg:top-6 lg:self-start">
        <div className="rounded-2xl border border-neutral-800 bg-neutral-900/50 p-5">
          <Composer
            key={reused?.key ?? 0}
            reused={reused?.settings}
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
          <p
            role="alert"
            className="mb-3 rounded-lg border border-amber-500/30 bg-amber-500/10 px-3 py-2 text-xs text-amber-200"
          >
            The gallery could not be refreshed ({error.message}). It will try again.
          </p>
        ) : null}
        {problem ? (
          <p
            role="alert"
            className="mb-3 rounded-lg border border-red-500/30 bg-red-500/10 px-3 py-2 text-xs text-red-200"
          >
            {problem}
          </p>
        ) : null}
        <Gallery
          jobs={jobs}
          total={total}
          loadingOlder={isFetching && jobs.length < limit && jobs.length < total}
          onShowOlder={() => setLimit((l) => l + PAGE)}
          actions={{
            onOpenImage: (job, o) => setOpen({ kind: "image", jobId: job.id, outputId: o.id }),
            onOpenMesh: (job, o) => setOpen({ kind: "mesh", jobId: job.id, outputId: o.id }),
            onMake3d: make3d,
            onRetry: (job) => void retry(job),
            onReuse: reuse,
            onFavorite: (job, value) => void favorite(job, value),
            onRemove: (job) => void remove(job),
            onFetchAgain: (job, o) => void fetchOutput(job, o),
          }}
        />
      </main>
      {removed ? (
        <div
          role="status"
          className="fixed bottom-6 left-1/2 z-50 flex -translate-x-1/2 items-center gap-3 rounded-xl border border-neutral-700 bg-neutral-900 px-4 py-2.5 text-sm shadow-2xl"
        >
          <span className="max-w-xs truncate text-neutral-300">
            Removed “{removed.prompt || removed.modelLabel}” from the gallery.
          </span>
          <button
            type="button"
            onClick={() => void undoRemove()}
            className="font-medium text-violet-300 hover:text-violet-200"
          >
            Undo
          </button>
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => setRemoved(null)}
            className="text-neutral-500 hover:text-neutral-300"
          >
            ×
          </button>
        </div>
      ) : null}
      {open && openJob && openOutput ? (
        open.kind === "image" ? (
          <ImageView
            job={openJob}
            output={openOutput}
            onClose={() => setOpen(null)}
            onMake3d={make3d}
          />
        ) : (
          <MeshView job={openJob} output={openOutput} onClose={() => setOpen(null)} />
        )
      ) : null}
    </div>
  );
}

export function Studio({ initial }: { initial: GalleryData }) {
  return (
    <Providers>
      <StudioInner initial={initial} />
    </Providers>
  );
}
