"use client";
// "Shared links": the studio's links that still open, each with "Revoke".
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/components/gallery/fetch-json";
import { useGalleryServer } from "@/components/gallery/gallery-server";
import { Button } from "@/components/ui/button";
import { Dialog, DialogHeader, Problem } from "@/components/ui/dialog";
import type { ShareRow } from "@/lib/shares/choices";

const SHARES_KEY = ["shares"] as const;

function LinksDialog({ onClose }: { onClose: () => void }) {
  const server = useGalleryServer();
  const client = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const { data, error } = useQuery({
    queryKey: SHARES_KEY,
    queryFn: ({ signal }) => fetchJson<{ links: ShareRow[] }>("/api/shares", { signal }),
  });

  async function revoke(id: string) {
    setProblem(null);
    const r = await server.revokeShare({ id });
    if (!r.ok) setProblem(r.message);
    await client.invalidateQueries({ queryKey: SHARES_KEY });
  }

  return (
    <Dialog label="Shared links" onClose={onClose} narrow>
      <div className="flex max-h-[80vh] flex-col gap-3 overflow-y-auto p-5 text-sm">
        <DialogHeader title="Shared links" onClose={onClose} />
        {error ? (
          <Problem>The links could not be loaded ({error.message}).</Problem>
        ) : !data ? (
          <p role="status" className="text-xs text-neutral-400">
            Loading…
          </p>
        ) : data.links.length === 0 ? (
          <p className="text-xs text-neutral-400">
            No link is live. Open a job and press Share to make one.
          </p>
        ) : (
          <ul className="flex flex-col gap-2">
            {data.links.map((link) => (
              <li
                key={link.id}
                className="flex items-center gap-3 rounded-lg border border-neutral-800 px-3 py-2"
              >
                <div className="min-w-0 flex-1">
                  <p className="truncate text-neutral-200">{link.prompt || link.modelLabel}</p>
                  <p className="text-xs text-neutral-500">
                    {link.modelLabel} · until {new Date(link.expiresAt).toLocaleString()}
                  </p>
                </div>
                <Button size="sm" variant="danger" onClick={() => void revoke(link.id)}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
        {problem ? <Problem>{problem}</Problem> : null}
      </div>
    </Dialog>
  );
}

export function SharedLinks() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="pointer-events-auto flex h-8 items-center rounded-full border border-neutral-800 bg-neutral-900/90 px-3 text-xs text-neutral-300 shadow-lg shadow-black/20 backdrop-blur hover:border-violet-400/50 hover:text-neutral-100 focus-visible:outline-2 focus-visible:outline-violet-400"
      >
        Shared links
      </button>
      {open ? <LinksDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
