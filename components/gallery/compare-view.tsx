"use client";
// Two to four image jobs side by side, with the parameters that differ between them marked, and
// for exactly two a before/after slider over the same frame.
import { useId, useState } from "react";
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { Dialog, DialogHeader } from "@/components/ui/dialog";
import { compareRows, differingParams } from "./params";

export const COMPARE_MAX = 4;

interface Shown {
  job: BrowserJob;
  output: BrowserOutput;
}

/** Each image job's first saved image; other jobs are left out. */
export function comparable(jobs: BrowserJob[]): Shown[] {
  const shown: Shown[] = [];
  for (const job of jobs) {
    const output = job.outputs.find((o) => o.state === "STORED" && o.url);
    if (job.kind === "image" && output) shown.push({ job, output });
  }
  return shown.slice(0, COMPARE_MAX);
}

function DiffersMark() {
  return (
    <span className="ml-1.5 rounded bg-amber-500/20 px-1 text-[10px] font-semibold uppercase tracking-wide text-amber-200">
      differs
    </span>
  );
}

function BeforeAfter({ before, after }: { before: Shown; after: Shown }) {
  const [position, setPosition] = useState(50);
  const { width, height } = before.output;
  return (
    <section aria-label="Before and after" className="flex flex-col gap-2">
      <div
        className="checker relative mx-auto w-full max-w-3xl overflow-hidden rounded-lg"
        style={{ aspectRatio: width && height ? `${width} / ${height}` : "1 / 1" }}
      >
        <img
          src={after.output.url ?? ""}
          alt={`Image 2: ${after.job.prompt}`}
          className="absolute inset-0 h-full w-full object-contain"
        />
        <img
          src={before.output.url ?? ""}
          alt={`Image 1: ${before.job.prompt}`}
          className="absolute inset-0 h-full w-full object-contain"
          style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }}
        />
        <div
          aria-hidden
          className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-violet-400 shadow"
          style={{ left: `${position}%` }}
        />
      </div>
      <div className="mx-auto flex w-full max-w-3xl items-center gap-3 text-xs text-neutral-400">
        <span aria-hidden>Image 1</span>
        <input
          type="range"
          min={0}
          max={100}
          value={position}
          aria-label="Compare slider"
          aria-valuetext={`${position}% image 1, ${100 - position}% image 2`}
          onChange={(e) => setPosition(Number(e.target.value))}
          className="flex-1 accent-violet-500"
        />
        <span aria-hidden>Image 2</span>
      </div>
    </section>
  );
}

export function CompareView({ jobs, onClose }: { jobs: BrowserJob[]; onClose: () => void }) {
  const shown = comparable(jobs);
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const onlyId = useId();
  const shownJobs = shown.map((s) => s.job);
  const rows = compareRows(shownJobs).filter((r) => !onlyDifferences || r.differs);
  const promptDiffers = differingParams(shownJobs).includes("prompt");
  const cols = { 2: "md:grid-cols-2", 3: "md:grid-cols-3", 4: "md:grid-cols-4" }[shown.length];

  return (
    <Dialog label="Compare" onClose={onClose} wide>
      <div className="flex max-h-[92vh] flex-col gap-5 overflow-y-auto p-5">
        <DialogHeader
          title={
            <>
              Compare {shown.length} {shown.length === 1 ? "image" : "images"}
            </>
          }
          onClose={onClose}
        />

        {shown.length < 2 ? (
          <p className="text-sm text-neutral-400">
            Choose two to four finished images to compare them.
          </p>
        ) : (
          <>
            {shown.length === 2 ? <BeforeAfter before={shown[0]} after={shown[1]} /> : null}
            <ul className={`grid grid-cols-1 gap-4 ${cols ?? ""}`}>
              {shown.map(({ job, output }, i) => (
                <li key={job.id} className="flex flex-col gap-2">
                  <div className="checker flex aspect-square items-center justify-center overflow-hidden rounded-lg">
                    <img
                      src={output.thumbUrl ?? output.url ?? ""}
                      alt={job.prompt}
                      className="h-full w-full object-contain"
                    />
                  </div>
                  <p className="text-xs font-semibold text-neutral-300">
                    Image {i + 1} · {job.modelLabel}
                  </p>
                  <p className="line-clamp-3 text-xs text-neutral-400" title={job.prompt}>
                    {job.prompt}
                    {promptDiffers ? <DiffersMark /> : null}
                  </p>
                </li>
              ))}
            </ul>
            <div className="flex items-center gap-2 text-xs text-neutral-300">
              <input
                id={onlyId}
                type="checkbox"
                checked={onlyDifferences}
                onChange={(e) => setOnlyDifferences(e.target.checked)}
                className="accent-violet-500"
              />
              <label htmlFor={onlyId}>Only parameters that differ</label>
            </div>
            {/* Focusable, so a keyboard can scroll a table wider than the window. */}
            <div
              role="region"
              aria-label="Parameters"
              tabIndex={0}
              className="overflow-x-auto rounded focus-visible:outline-2 focus-visible:outline-violet-400"
            >
              <table className="w-full text-left text-xs">
                <caption className="sr-only">Parameters of the compared images</caption>
                <thead>
                  <tr className="border-b border-neutral-800 text-neutral-500">
                    <th scope="col" className="py-1.5 pr-3 font-medium">
                      Parameter
                    </th>
                    {shown.map(({ job }, i) => (
                      <th key={job.id} scope="col" className="py-1.5 pr-3 font-medium">
                        Image {i + 1}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr
                      key={row.key}
                      className={`border-b border-neutral-800/80 ${row.differs ? "bg-amber-500/10" : ""}`}
                    >
                      <th scope="row" className="py-1.5 pr-3 font-normal text-neutral-400">
                        {row.label}
                        {row.differs ? <DiffersMark /> : null}
                      </th>
                      {row.values.map((value, i) => (
                        <td
                          key={shown[i].job.id}
                          className={`py-1.5 pr-3 ${row.differs ? "text-amber-100" : "text-neutral-200"}`}
                        >
                          {value}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              {rows.length === 0 ? (
                <p className="py-3 text-xs text-neutral-400">Every parameter is the same.</p>
              ) : null}
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}
