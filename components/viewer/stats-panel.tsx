// Numbers about the opened mesh: geometry counts, file sizes and how long it took to show.
import { formatCount, formatDuration } from "@/components/ui/format";
import { formatBytes, formatSaving } from "./format";
import type { MeshStats } from "./load-glb";

export interface StatsPanelProps {
  stats: MeshStats | null;
  originalBytes: number | null;
  previewBytes: number | null;
  loadMs: number | null;
}

export function StatsPanel({ stats, originalBytes, previewBytes, loadMs }: StatsPanelProps) {
  const saving = formatSaving(originalBytes, previewBytes);
  const rows: [string, string, string?][] = [
    ["Triangles", formatCount(stats?.triangles)],
    ["Vertices", formatCount(stats?.vertices)],
    ["Original size", formatBytes(originalBytes)],
    ["Preview size", formatBytes(previewBytes), saving ?? undefined],
    ["Load time", formatDuration(loadMs)],
  ];
  return (
    <aside
      aria-label="Mesh statistics"
      className="flex shrink-0 flex-col gap-4 border-t border-neutral-800 bg-neutral-900 p-4 lg:w-60 lg:border-t-0 lg:border-l"
    >
      <h3 className="text-[11px] font-medium uppercase tracking-wider text-neutral-500">
        Statistics
      </h3>
      <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-4 gap-y-2.5 text-xs">
        {rows.map(([term, value, note]) => (
          <div key={term} className="contents">
            <dt className="text-neutral-400">{term}</dt>
            <dd className="text-right font-mono text-neutral-100 tabular-nums">
              {value}
              {note && <span className="ml-1.5 text-[11px] text-emerald-400/90">{note}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-auto hidden text-[11px] leading-relaxed text-neutral-500 lg:block">
        Drag to orbit · right-drag or shift-drag to pan · scroll to zoom
      </p>
    </aside>
  );
}
