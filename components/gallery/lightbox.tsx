"use client";
// A large view for moving through images: ← and → step, f favourites, Esc closes (the dialog's
// own). The neighbours are preloaded so stepping shows them at once.
import { useEffect, useEffectEvent, useRef } from "react";
import { preload } from "react-dom";
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { lightboxKey } from "./shortcuts";

export interface LightboxItem {
  job: BrowserJob;
  output: BrowserOutput;
}

function pictureOf({ job, output }: LightboxItem): string {
  return (job.kind === "image" ? output.url : (output.thumbUrl ?? job.inputImageUrl)) ?? "";
}

export function Lightbox({
  items,
  index,
  onIndexChange,
  onClose,
  onFavorite,
}: {
  items: LightboxItem[];
  index: number;
  onIndexChange: (index: number) => void;
  onClose: () => void;
  onFavorite: (jobId: string, favorite: boolean) => void;
}) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const at = Math.max(0, Math.min(index, items.length - 1));
  const item = items[at] as LightboxItem | undefined;
  const hasPrevious = at > 0;
  const hasNext = at < items.length - 1;
  for (const near of [items[at - 1], items[at + 1]]) {
    if (near && pictureOf(near)) preload(pictureOf(near), { as: "image" });
  }

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    // Only keys meant for the lightbox: not those of a dialog opened over it.
    const target = e.target as Node | null;
    if (target !== document.body && !bodyRef.current?.contains(target)) return;
    const action = lightboxKey(e);
    if (!action || !item) return;
    e.preventDefault();
    if (action === "previous" && hasPrevious) onIndexChange(at - 1);
    if (action === "next" && hasNext) onIndexChange(at + 1);
    if (action === "favorite") onFavorite(item.job.id, !item.job.favorite);
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  return (
    <Dialog label="Lightbox" onClose={onClose} wide>
      <div ref={bodyRef} className="flex max-h-[92vh] flex-col">
        <div className="flex items-center justify-between gap-3 border-b border-neutral-800 px-4 py-2">
          <p className="text-xs tabular-nums text-neutral-400" aria-live="polite">
            {items.length ? `${at + 1} of ${items.length}` : "No images"}
          </p>
          <div className="flex items-center gap-1.5">
            {item ? (
              <Button
                size="sm"
                variant="ghost"
                aria-pressed={item.job.favorite}
                onClick={() => onFavorite(item.job.id, !item.job.favorite)}
                title="Favourite (f)"
                className="aria-pressed:text-amber-300"
              >
                <span aria-hidden>{item.job.favorite ? "★" : "☆"}</span>
                Favourite
              </Button>
            ) : null}
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="rounded-md px-2 text-lg leading-none text-neutral-400 hover:bg-neutral-800 hover:text-white"
            >
              ×
            </button>
          </div>
        </div>
        <div className="checker relative flex min-h-[60vh] flex-1 items-center justify-center p-4">
          {item ? (
            <img
              key={item.output.id}
              src={pictureOf(item)}
              alt={item.job.prompt || item.job.modelLabel}
              className="max-h-[72vh] max-w-full rounded-lg object-contain shadow-2xl"
            />
          ) : null}
          <Button
            variant="secondary"
            aria-label="Previous image"
            title="Previous (←)"
            disabled={!hasPrevious}
            onClick={() => onIndexChange(at - 1)}
            className="absolute left-3 top-1/2 -translate-y-1/2 disabled:invisible"
          >
            ←
          </Button>
          <Button
            variant="secondary"
            aria-label="Next image"
            title="Next (→)"
            disabled={!hasNext}
            onClick={() => onIndexChange(at + 1)}
            className="absolute right-3 top-1/2 -translate-y-1/2 disabled:invisible"
          >
            →
          </Button>
        </div>
        {item ? (
          <div className="flex flex-col gap-1 border-t border-neutral-800 px-4 py-3">
            <p className="line-clamp-3 text-sm text-neutral-100">{item.job.prompt || "–"}</p>
            <p className="text-xs text-neutral-500">
              {item.job.modelLabel}
              {item.job.seed != null ? ` · seed ${item.job.seed}` : ""}
              {item.job.outputs.length > 1
                ? ` · image ${item.output.index + 1} of ${item.job.outputs.length}`
                : ""}
            </p>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
