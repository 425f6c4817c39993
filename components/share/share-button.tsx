"use client";
// "Share" on a job: choose how long the link lasts, make it, copy it. The link is shown once;
// the studio keeps only a hash of it. The "Shared links" list revokes it.
import { useId, useState } from "react";
import { useGalleryServer } from "@/components/gallery/gallery-server";
import { Button } from "@/components/ui/button";
import { Dialog, DialogHeader, Problem } from "@/components/ui/dialog";
import { SHARE_DAYS, SHARE_DAYS_DEFAULT, type ShareDays } from "@/lib/shares/choices";

type Made = { url: string; expiresAt: string };

function ShareDialog({ jobId, onClose }: { jobId: string; onClose: () => void }) {
  const server = useGalleryServer();
  const [days, setDays] = useState<ShareDays>(SHARE_DAYS_DEFAULT);
  const [made, setMade] = useState<Made | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const daysId = useId();

  async function make() {
    setBusy(true);
    setProblem(null);
    const r = await server.createShare({ jobId, days });
    setBusy(false);
    if (!r.ok) return setProblem(r.message);
    setMade({
      url: new URL(r.data.path, window.location.origin).href,
      expiresAt: r.data.expiresAt,
    });
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setProblem("The link could not be copied: select it and copy it yourself.");
    }
  }

  return (
    <Dialog label="Share" onClose={onClose} narrow>
      <div className="flex flex-col gap-4 p-5 text-sm">
        <DialogHeader title="Share a read-only link" onClose={onClose} />
        <p className="text-xs text-neutral-400">
          Anyone with the link sees this job (its pictures or 3D model, prompt and parameters)
          without signing in, and nothing else of the studio. Revoke it any time under Shared links.
        </p>
        {made ? (
          <>
            <label className="flex flex-col gap-1 text-xs text-neutral-400">
              Link (shown once: copy it now)
              <input
                readOnly
                value={made.url}
                onFocus={(e) => e.currentTarget.select()}
                className="h-9 rounded-lg border border-neutral-700 bg-neutral-900 px-2 font-mono text-xs text-neutral-100"
              />
            </label>
            <p className="text-xs text-neutral-400">
              Works until{" "}
              <time dateTime={made.expiresAt}>{new Date(made.expiresAt).toLocaleString()}</time>.
            </p>
            <Button variant="primary" className="self-start" onClick={() => void copy(made.url)}>
              {copied ? "Copied" : "Copy link"}
            </Button>
          </>
        ) : (
          <div className="flex items-end gap-2">
            <label htmlFor={daysId} className="flex flex-col gap-1 text-xs text-neutral-400">
              Link lasts
              <select
                id={daysId}
                value={days}
                onChange={(e) => setDays(Number(e.target.value) as ShareDays)}
                className="h-9 rounded-lg border border-neutral-700 bg-neutral-900 px-2 text-sm text-neutral-100"
              >
                {SHARE_DAYS.map((d) => (
                  <option key={d} value={d}>
                    {d === 1 ? "1 day" : `${d} days`}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="primary" disabled={busy} onClick={() => void make()}>
              Create link
            </Button>
          </div>
        )}
        {problem ? <Problem>{problem}</Problem> : null}
      </div>
    </Dialog>
  );
}

export function ShareButton({ jobId }: { jobId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Share</Button>
      {open ? <ShareDialog jobId={jobId} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
