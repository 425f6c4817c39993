// The pieces both large views (image, 3D) show a job's details with: labelled rows in sections,
// the parameters with their model defaults, and the timings.
import type { BrowserJob } from "@/lib/jobs/browser-job";
import { formatDuration } from "@/components/ui/format";
import { StateBadge } from "@/components/ui/state-badge";
import { paramRows } from "./params";

export function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 border-b border-neutral-800/80 py-1.5 text-xs last:border-0">
      <dt className="text-neutral-500">{label}</dt>
      <dd className="break-words text-neutral-200">{value}</dd>
    </div>
  );
}

export function DetailSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section>
      <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wider text-neutral-500">
        {title}
      </h3>
      <dl>{children}</dl>
    </section>
  );
}

/** Every parameter the model takes: what was sent, or the model's default for what was not. */
export function ParamsSection({ job, withPrompt }: { job: BrowserJob; withPrompt?: boolean }) {
  return (
    <DetailSection title="Parameters">
      {withPrompt ? <Row label="Prompt" value={job.prompt || "–"} /> : null}
      {paramRows(job).map((r) => (
        <Row key={r.key} label={r.label} value={r.value} />
      ))}
    </DetailSection>
  );
}

function span(a: string | null, b: string | null) {
  return a && b ? formatDuration(Date.parse(b) - Date.parse(a)) : "–";
}

export function TimingsSection({ job }: { job: BrowserJob }) {
  return (
    <DetailSection title="Timings">
      <Row label="State" value={<StateBadge state={job.state} />} />
      <Row label="Created" value={new Date(job.createdAt).toLocaleString()} />
      <Row label="Waiting to send" value={span(job.createdAt, job.submittedAt)} />
      <Row label="At the gateway" value={span(job.submittedAt, job.finishedAt)} />
      <Row label="Total" value={span(job.createdAt, job.finishedAt)} />
    </DetailSection>
  );
}
