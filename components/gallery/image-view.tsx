"use client";
// The large view of one image: the picture, every parameter, the seed, timings, size, and a
// download of the original.
import { MODELS } from "@/lib/gateway/models";
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { Button, LinkButton } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatDuration, formatSize } from "@/components/ui/format";
import { StateBadge } from "@/components/ui/state-badge";
import { imageDownloadHref } from "./download-href";

const LABELS: Record<string, string> = {
  prompt: "Prompt",
  negative_prompt: "Negative prompt",
  image_size: "Image size",
  num_images: "Number of images",
  num_inference_steps: "Inference steps",
  guidance_scale: "Guidance scale",
  seed: "Seed",
  enable_safety_checker: "Safety checker",
  sync_mode: "Sync mode",
  output_format: "Output format",
  enable_prompt_expansion: "Prompt expansion",
  face_count: "Face count",
};

function show(v: unknown) {
  if (typeof v === "boolean") return v ? "On" : "Off";
  if (v === "" || v == null) return "–";
  return String(v);
}

function span(a: string | null, b: string | null) {
  return a && b ? formatDuration(Date.parse(b) - Date.parse(a)) : "–";
}

export function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 border-b border-neutral-800/80 py-1.5 text-xs last:border-0">
      <dt className="text-neutral-500">{label}</dt>
      <dd className="break-words text-neutral-200">{value}</dd>
    </div>
  );
}

export function ImageView({
  job,
  output,
  onClose,
  onMake3d,
}: {
  job: BrowserJob;
  output: BrowserOutput;
  onClose: () => void;
  onMake3d: (job: BrowserJob, output: BrowserOutput) => void;
}) {
  // Every parameter the model takes: what was sent, or the model's default for what was not.
  const defaults: Record<string, unknown> = MODELS[job.model]?.defaults ?? {};
  const keys = [...new Set([...Object.keys(job.params), ...Object.keys(defaults)])];
  const params = keys
    .filter((k) => k !== "prompt")
    .map((k) =>
      [
        k,
        k in job.params
          ? show(job.params[k])
          : `Model default${defaults[k] == null ? "" : ` (${show(defaults[k])})`}`,
      ] as const,
    );
  return (
    <Dialog label="Image details" onClose={onClose}>
      <div className="grid max-h-[92vh] grid-cols-1 lg:grid-cols-[1fr_22rem]">
        <div className="checker flex min-h-[50vh] items-center justify-center p-4">
          <img
            src={output.url ?? ""}
            alt={job.prompt}
            className="max-h-[84vh] max-w-full rounded-lg object-contain shadow-2xl"
          />
        </div>
        <aside className="flex flex-col gap-4 overflow-y-auto border-l border-neutral-800 p-5">
          <div className="flex items-start justify-between gap-2">
            <h2 className="text-sm font-semibold">{job.modelLabel}</h2>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="rounded-md px-2 text-lg leading-none text-neutral-400 hover:bg-neutral-800 hover:text-white"
            >
              ×
            </button>
          </div>
          <p className="text-sm leading-relaxed text-neutral-200">{job.prompt}</p>
          <div className="flex gap-2">
            <LinkButton href={imageDownloadHref(job, output)} download>
              Download
            </LinkButton>
            <Button variant="primary" onClick={() => onMake3d(job, output)}>
              Make 3D
            </Button>
          </div>
          <section>
            <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wider text-neutral-500">
              File
            </h3>
            <dl>
              <Row
                label="Dimensions"
                value={output.width ? `${output.width} × ${output.height} px` : "–"}
              />
              <Row label="File size" value={formatSize(output.bytes)} />
              <Row label="Format" value={output.mimeType ?? "–"} />
              <Row label="Image" value={`${output.index + 1} of ${job.outputs.length}`} />
            </dl>
          </section>
          <section>
            <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wider text-neutral-500">
              Parameters
            </h3>
            <dl>
              {params.map(([k, v]) => (
                <Row key={k} label={LABELS[k] ?? k} value={v} />
              ))}
            </dl>
          </section>
          <section>
            <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wider text-neutral-500">
              Timings
            </h3>
            <dl>
              <Row label="State" value={<StateBadge state={job.state} />} />
              <Row label="Created" value={new Date(job.createdAt).toLocaleString()} />
              <Row label="Waiting to send" value={span(job.createdAt, job.submittedAt)} />
              <Row label="At the gateway" value={span(job.submittedAt, job.finishedAt)} />
              <Row label="Total" value={span(job.createdAt, job.finishedAt)} />
            </dl>
          </section>
        </aside>
      </div>
    </Dialog>
  );
}
