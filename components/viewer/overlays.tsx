// What covers the canvas area while a mesh loads or after it failed.
import { formatBytes } from "./format";
import { AlertIcon } from "./icons";
import type { LoadProgress } from "./load-glb";

export function LoadingOverlay({ progress }: { progress: LoadProgress | "decoding" }) {
  const decoding = progress === "decoding";
  const total = decoding ? null : progress.total;
  const percent = decoding
    ? 100
    : total
      ? Math.min(100, Math.floor((progress.received / total) * 100))
      : null;
  const detail = decoding
    ? "Decoding geometry and textures…"
    : total
      ? `${formatBytes(progress.received)} of ${formatBytes(total)}`
      : `${formatBytes(progress.received)} received`;

  return (
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center p-6">
      <div className="w-72 rounded-lg border border-neutral-800 bg-neutral-900/95 p-4 shadow-2xl shadow-black/40">
        <div className="flex items-baseline justify-between text-xs">
          <span className="font-medium text-neutral-200">Loading mesh</span>
          {percent !== null && <span className="text-neutral-400 tabular-nums">{percent}%</span>}
        </div>
        <div
          role="progressbar"
          aria-label="Loading mesh"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          aria-valuetext={percent === null ? detail : `${percent}% · ${detail}`}
          className="mt-2.5 h-1.5 overflow-hidden rounded-full bg-neutral-800"
        >
          <div
            className={
              percent === null
                ? "h-full w-full animate-pulse rounded-full bg-sky-400/40"
                : "h-full rounded-full bg-sky-400 transition-[width] duration-150 ease-out"
            }
            style={percent === null ? undefined : { width: `${percent}%` }}
          />
        </div>
        <p className="mt-2 text-[11px] text-neutral-500 tabular-nums">{detail}</p>
      </div>
    </div>
  );
}

export function ErrorOverlay({ reason, onRetry }: { reason: string; onRetry?: () => void }) {
  return (
    <div className="absolute inset-0 flex items-center justify-center bg-neutral-950/80 p-6">
      <div
        role="alert"
        className="flex max-w-md flex-col items-center gap-2 rounded-lg border border-red-500/25 bg-neutral-900 px-6 py-5 text-center shadow-2xl shadow-black/40"
      >
        <span className="text-red-400">
          <AlertIcon />
        </span>
        <p className="text-sm font-medium text-neutral-100">
          This mesh could not be opened: {reason}
        </p>
        <p className="text-xs text-neutral-400">The download links above still work.</p>
        {onRetry && (
          <button
            type="button"
            onClick={onRetry}
            className="mt-2 h-8 rounded-md border border-neutral-700 bg-neutral-800 px-3 text-xs font-medium text-neutral-100 hover:bg-neutral-700 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400"
          >
            Try again
          </button>
        )}
      </div>
    </div>
  );
}
