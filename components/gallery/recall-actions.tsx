// The four ways to bring a job back into the composer. Nothing in the form changes until one of
// them is chosen.
import type { BrowserJob } from "@/lib/jobs/browser-job";
import { Button } from "@/components/ui/button";
import { jobSeed, RECALL_LABELS, type RecallMode } from "@/components/composer/recall";

const TITLES: Record<RecallMode, string> = {
  all: "Put this job's model and every parameter in the form",
  prompt: "Put only this job's prompt in the form, keeping the rest",
  seed: "Put only this job's seed in the form, keeping the rest",
  remix: "Every parameter of this job with a new seed",
};

export function RecallActions({
  job,
  onRecall,
}: {
  job: Pick<BrowserJob, "kind" | "prompt" | "params" | "seed">;
  onRecall: (mode: RecallMode) => void;
}) {
  const seed = jobSeed(job);
  const disabled: Partial<Record<RecallMode, string>> = {
    prompt: job.prompt.trim() ? undefined : "This job has no prompt",
    seed: seed == null ? `This ${job.kind === "mesh" ? "3D job" : "job"} has no seed` : undefined,
  };
  const modes: RecallMode[] = ["all", "prompt", "seed", "remix"];
  return (
    <div role="group" aria-label="Use in the form" className="flex flex-wrap gap-1.5">
      {modes.map((mode) => (
        <Button
          key={mode}
          size="sm"
          variant={mode === "all" ? "primary" : "secondary"}
          disabled={Boolean(disabled[mode])}
          title={disabled[mode] ?? (mode === "seed" ? `${TITLES.seed} (${seed})` : TITLES[mode])}
          onClick={() => onRecall(mode)}
        >
          {RECALL_LABELS[mode]}
        </Button>
      ))}
    </div>
  );
}
