"use client";
// Drop a file the studio made (PNG, JPEG, WebP or GLB) onto the composer: its generation data is
// read on the server, and "Use all parameters" loads its model and settings into the form.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { MODELS } from "@/lib/gateway/models";
import { readApiError } from "@/lib/http/api-error";
import { describedJob, type BrowserJob } from "@/lib/jobs/browser-job";
import type { GenerationData } from "@/lib/media/generation-data/schema";

type Found =
  | { state: "reading"; name: string }
  | { state: "found"; name: string; job: BrowserJob }
  | { state: "problem"; name: string; message: string };

async function read(file: File): Promise<Found> {
  const name = file.name.slice(0, 80) || "file";
  try {
    const res = await fetch("/api/generation-data", { method: "POST", body: file });
    if (!res.ok) return { state: "problem", name, message: (await readApiError(res)).message };
    const data = (await res.json()) as GenerationData & { model: keyof typeof MODELS };
    return {
      state: "found",
      name,
      job: describedJob({ ...data, id: data.jobId }),
    };
  } catch {
    return { state: "problem", name, message: "The file could not be sent. Try again." };
  }
}

export function FileDrop({
  onUse,
  children,
}: {
  onUse: (job: BrowserJob) => void;
  children: React.ReactNode;
}) {
  const [over, setOver] = useState(false);
  const [found, setFound] = useState<Found | null>(null);
  const hasFile = (e: React.DragEvent) => e.dataTransfer.types.includes("Files");

  return (
    <div
      className={`relative rounded-2xl ${over ? "outline-2 outline-offset-4 outline-violet-400 outline-dashed" : ""}`}
      onDragOver={(e) => {
        if (!hasFile(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        if (!hasFile(e)) return;
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (!file) return;
        setFound({ state: "reading", name: file.name });
        void read(file).then(setFound);
      }}
    >
      {found ? (
        <section
          aria-label="Dropped file"
          className="mb-4 flex flex-col gap-2 rounded-xl border border-violet-400/30 bg-violet-500/10 p-3 text-xs"
        >
          <div className="flex items-start justify-between gap-2">
            <p className="font-medium text-neutral-200">“{found.name}”</p>
            <button
              type="button"
              aria-label="Dismiss"
              onClick={() => setFound(null)}
              className="text-neutral-500 hover:text-neutral-300"
            >
              ×
            </button>
          </div>
          {found.state === "reading" ? (
            <p role="status" className="text-neutral-400">
              Reading its generation data…
            </p>
          ) : found.state === "problem" ? (
            <p role="alert" className="text-red-300">
              {found.message}
            </p>
          ) : (
            <>
              <p className="text-neutral-300">
                {found.job.modelLabel}
                {found.job.seed != null ? ` · seed ${found.job.seed}` : ""}
              </p>
              <p className="line-clamp-2 text-neutral-400">{found.job.prompt || "No prompt"}</p>
              <Button
                size="sm"
                variant="primary"
                className="self-start"
                onClick={() => {
                  onUse(found.job);
                  setFound(null);
                }}
              >
                Use all parameters
              </Button>
            </>
          )}
        </section>
      ) : null}
      {children}
    </div>
  );
}
