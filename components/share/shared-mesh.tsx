"use client";
// The 3D viewer on a share page: the same viewer as in the studio, with the share's files.
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { LazyMeshViewer } from "@/components/viewer/lazy-mesh-viewer";

export function SharedMesh({ job, output }: { job: BrowserJob; output: BrowserOutput }) {
  return (
    <LazyMeshViewer
      previewUrl={output.previewUrl ?? output.url ?? ""}
      title={job.prompt || "3D model"}
      originalBytes={output.bytes}
      previewBytes={output.previewBytes}
      downloads={output.downloadUrl ? [{ label: "Download GLB", href: output.downloadUrl }] : []}
    />
  );
}
