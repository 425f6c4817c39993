"use client";
// The studio screen: the queue at the top, the composer beside the gallery, and what links
// them ("Make 3D", "Reuse settings", recalling a job into the form).
import { useCallback, useState } from "react";
import { Composer } from "@/components/composer/composer";
import { FileDrop } from "@/components/composer/file-drop";
import type { ReusedSettings } from "@/components/composer/form-values";
import type { InputImage } from "@/components/composer/input-image-picker";
import { recallTarget, type Recall, type RecallMode } from "@/components/composer/recall";
import { Gallery } from "@/components/gallery/gallery";
import { GalleryServerProvider, type GalleryServer } from "@/components/gallery/gallery-server";
import { QueueIndicator } from "@/components/gallery/queue-indicator";
import { KeyboardShortcuts } from "@/components/gallery/shortcuts-dialog";
import { SharedLinks } from "@/components/share/share-links";
import { useGalleryEdit, type InitialView } from "@/components/gallery/use-jobs";
import { Providers } from "@/components/providers";
import type { ModelId } from "@/lib/gateway/models";
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { fetchAgain, generate, hideJob, restoreJob, retryJob, setFavorite } from "../actions";
import {
  addToBoard,
  createBoard,
  deleteBoard,
  deleteJobs,
  removeFromBoard,
  renameBoard,
  setFavorites,
  stopTracking,
} from "../gallery-actions";
import { createShare, revokeShare } from "../share-actions";

const SERVER: GalleryServer = {
  retryJob,
  setFavorite,
  hideJob,
  restoreJob,
  fetchAgain,
  createBoard,
  renameBoard,
  deleteBoard,
  addToBoard,
  removeFromBoard,
  setFavorites,
  deleteJobs,
  stopTracking,
  createShare,
  revokeShare,
};

function toTop() {
  window.scrollTo({ top: 0, behavior: "smooth" });
}

function StudioInner({ initial }: { initial: InitialView | null }) {
  const edit = useGalleryEdit();
  const [model, setModel] = useState<ModelId>("hunyuan-image");
  const [input, setInput] = useState<InputImage | null>(null);
  // Each "Reuse settings" mounts a fresh composer (new key) that starts from that job's settings.
  const [reused, setReused] = useState<{ key: number; settings: ReusedSettings } | null>(null);
  const [recall, setRecall] = useState<Recall | null>(null);

  const make3d = useCallback((job: BrowserJob, output: BrowserOutput) => {
    setModel("hunyuan3d-3-0-api-294");
    setInput({
      source: "output",
      id: output.id,
      url: output.thumbUrl ?? output.url ?? "",
      label: job.prompt,
    });
    toTop();
  }, []);

  const reuse = useCallback((job: BrowserJob) => {
    setModel(job.model);
    setReused((old) => ({
      key: (old?.key ?? 0) + 1,
      settings: { model: job.model, params: { ...job.params, prompt: job.prompt } },
    }));
    if (job.kind === "mesh" && job.input) {
      setInput({ ...job.input, url: job.inputImageUrl ?? "", label: job.prompt || "Input image" });
    }
    toTop();
  }, []);

  const recallJob = useCallback(
    (job: BrowserJob, mode: RecallMode) => {
      const target = recallTarget(job, mode, { model, input });
      setModel(target.model);
      setInput(target.input);
      setRecall((old) => ({ key: (old?.key ?? 0) + 1, job, mode }));
      toTop();
    },
    [model, input],
  );

  return (
    <div className="mx-auto max-w-[1600px] px-4 pb-16 lg:px-8">
      <div className="pointer-events-none sticky top-0 z-30 flex justify-end gap-2 py-2">
        <SharedLinks />
        <KeyboardShortcuts />
        <QueueIndicator />
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[24rem_1fr]">
        {/* Below the queue's row; scrolls on its own when taller than the window. */}
        <aside className="lg:sticky lg:top-12 lg:max-h-[calc(100dvh-3.5rem)] lg:self-start lg:overflow-y-auto">
          <div className="rounded-2xl border border-neutral-800 bg-neutral-900/50 p-5">
            <FileDrop onUse={(job) => recallJob(job, "all")}>
              <Composer
                key={reused?.key ?? 0}
                reused={reused?.settings}
                recall={recall}
                generate={generate}
                onCreated={edit.add}
                input={input}
                onInputChange={setInput}
                model={model}
                onModelChange={setModel}
              />
            </FileDrop>
          </div>
        </aside>
        <main className="min-w-0">
          <Gallery initial={initial} onMake3d={make3d} onReuse={reuse} onRecall={recallJob} />
        </main>
      </div>
    </div>
  );
}

export function Studio({ initial }: { initial: InitialView | null }) {
  return (
    <Providers>
      <GalleryServerProvider actions={SERVER}>
        <StudioInner initial={initial} />
      </GalleryServerProvider>
    </Providers>
  );
}
