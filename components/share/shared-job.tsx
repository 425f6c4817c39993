// The body of a share page: the job's pictures or its 3D model, its prompt and its parameters,
// and when the link stops working. Read-only: no buttons that change anything.
import { LinkButton } from "@/components/ui/button";
import { Brand } from "@/components/ui/brand";
import { formatSize } from "@/components/ui/format";
import { DetailSection, ParamsSection, Row } from "@/components/gallery/job-details";
import type { BrowserJob } from "@/lib/jobs/browser-job";
import { SharedMesh } from "./shared-mesh";

export function SharedJob({ job, expiresAt }: { job: BrowserJob; expiresAt: string }) {
  const mesh = job.kind === "mesh" ? job.outputs[0] : undefined;
  return (
    <div className="mx-auto flex min-h-dvh max-w-6xl flex-col gap-6 px-4 py-6 lg:px-8">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <Brand />
        <p className="rounded-full border border-neutral-800 px-3 py-1 text-xs text-neutral-400">
          Shared, read-only · until{" "}
          <time dateTime={expiresAt}>{new Date(expiresAt).toUTCString()}</time>
        </p>
      </header>
      <main className="grid grid-cols-1 gap-6 lg:grid-cols-[1fr_22rem]">
        <section aria-label={mesh ? "3D model" : "Images"} className="flex flex-col gap-4">
          {mesh ? (
            <SharedMesh job={job} output={mesh} />
          ) : job.outputs.length === 0 ? (
            <p className="text-sm text-neutral-400">This job has no saved images.</p>
          ) : (
            job.outputs.map((o) => (
              <figure key={o.id} className="flex flex-col gap-2">
                <div className="checker flex items-center justify-center rounded-xl p-3">
                  <img
                    src={o.url ?? ""}
                    alt={job.prompt}
                    width={o.width ?? undefined}
                    height={o.height ?? undefined}
                    className="max-h-[80vh] w-auto max-w-full rounded-lg object-contain"
                  />
                </div>
                <figcaption className="flex items-center justify-between gap-2 text-xs text-neutral-400">
                  <span>
                    {o.width && o.height ? `${o.width} × ${o.height} px · ` : ""}
                    {formatSize(o.bytes)}
                  </span>
                  {o.downloadUrl ? (
                    <LinkButton href={o.downloadUrl} download size="sm">
                      Download
                    </LinkButton>
                  ) : null}
                </figcaption>
              </figure>
            ))
          )}
        </section>
        <aside className="flex flex-col gap-4">
          <h2 className="text-sm font-semibold">{job.modelLabel}</h2>
          <p className="text-sm leading-relaxed text-neutral-200">{job.prompt || "–"}</p>
          {mesh ? (
            <DetailSection title="Mesh">
              <Row label="Triangles" value={mesh.triangles?.toLocaleString("en-US") ?? "–"} />
              <Row label="File size" value={formatSize(mesh.bytes)} />
            </DetailSection>
          ) : null}
          <ParamsSection job={job} />
        </aside>
      </main>
    </div>
  );
}
