import { SLOT_STATES, STATE_LABELS, type JobState } from "@/lib/jobs/states";

const TONE: Record<JobState, string> = {
  WAITING: "bg-neutral-700/60 text-neutral-200",
  SUBMITTING: "bg-sky-500/15 text-sky-300",
  QUEUED: "bg-sky-500/15 text-sky-300",
  PROCESSING: "bg-amber-500/15 text-amber-300",
  COMPLETED: "bg-emerald-500/15 text-emerald-300",
  FAILED: "bg-red-500/15 text-red-300",
  ERROR: "bg-red-500/15 text-red-300",
  UNKNOWN: "bg-orange-500/15 text-orange-300",
};

export function StateBadge({ state }: { state: JobState }) {
  const busy = (SLOT_STATES as readonly JobState[]).includes(state);
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${TONE[state]}`}
    >
      <span
        aria-hidden
        className={`h-1.5 w-1.5 rounded-full bg-current ${busy ? "animate-pulse" : ""}`}
      />
      {STATE_LABELS[state]}
    </span>
  );
}
