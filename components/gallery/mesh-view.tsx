"use client";
// The 3D view of a mesh job. three.js is loaded only here, when a mesh is opened.
import dynamic from "next/dynamic";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { Dialog } from "@/components/ui/dialog";
import { readApiError } from "@/lib/http/api-error";
import { FORMATS } from "@/lib/media/formats";
import { promptStem } from "./download-href";
import { JOBS_KEY } from "./use-jobs";

const MeshViewer = dynamic(
  () => import("@/components/viewer/mesh-viewer").then((m) => m.MeshViewer),
  {
    ssr: false,
    loading: () => (
      <div className="flex min-h-[480px] items-center justify-center text-sm text-neutral-400">
        Loading the 3D viewer…
      </div>
    ),
  },
);

const SIMPLIFY = [10_000, 50_000, 100_000];

export function MeshView({
  job,
  output,
  onClose,
}: {
  job: BrowserJob;
  output: BrowserOutput;
  onClose: () => void;
}) {
  const [target, setTarget] = useState(SIMPLIFY[1]);
  const queryClient = useQueryClient();
  const name = encodeURIComponent(promptStem(job, "model"));
  const exportHref = (format: string, extra = "") =>
    `/api/outputs/${output.id}/export/${format}?name=${name}${extra}`;
  const downloads = [
    { label: "Download GLB", href: `${output.downloadUrl}&name=${name}` },
    { label: "Download OBJ", href: exportHref("obj") },
    { label: "Download STL", href: exportHref("stl") },
  ];
  return (
    <Dialog label="3D model" onClose={onClose} wide>
      <div className="flex max-h-[92vh] flex-col gap-3 overflow-y-auto p-4">
        <MeshViewer
          previewUrl={output.previewUrl ?? output.url ?? ""}
          title={job.prompt || "3D model"}
          originalBytes={output.bytes}
          previewBytes={output.previewBytes}
          downloads={downloads}
          onClose={onClose}
          onThumbnail={
            output.thumbUrl && output.thumbUrl !== output.url
              ? undefined
              : (png) => {
                  // The gallery then shows the model itself instead of its input image.
                  void fetch(`/api/outputs/${output.id}/thumbnail`, {
                    method: "POST",
                    body: png,
                    headers: { "content-type": FORMATS.png.mime },
                  }).then(async (res) => {
                    if (res.ok) return queryClient.invalidateQueries({ queryKey: JOBS_KEY });
                    const { message } = await readApiError(res);
                    console.warn("The model's thumbnail was not saved:", message);
                  });
                }
          }
        />
        <div className="flex flex-wrap items-center gap-2 rounded-xl border border-neutral-800 bg-neutral-900/60 px-3 py-2 text-xs text-neutral-300">
          <label htmlFor="simplify-target">Simplified GLB</label>
          <select
            id="simplify-target"
            value={target}
            onChange={(e) => setTarget(Number(e.target.value))}
            className="rounded-md border border-neutral-700 bg-neutral-900 px-2 py-1"
          >
            {SIMPLIFY.filter((n) => n < (output.triangles ?? Infinity)).map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString("en-US")} faces
              </option>
            ))}
          </select>
          <a
            href={exportHref("simplified", `&faces=${target}`)}
            download
            className="rounded-md border border-neutral-700 bg-neutral-800 px-2.5 py-1 font-medium hover:bg-neutral-700"
          >
            Download simplified GLB
          </a>
        </div>
      </div>
    </Dialog>
  );
}
