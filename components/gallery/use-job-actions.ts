"use client";
// What a card's buttons do to the gallery: retry, star, remove (with undo in a toast), fetch an
// output again. Each shows its guess at once, calls the server, then asks what changed, so the server's
// answer is what stays on screen.
import { useCallback, useRef, useState } from "react";
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { useToast } from "@/components/ui/toasts";
import { useGalleryServer } from "./gallery-server";
import { useGalleryEdit } from "./use-jobs";

type Result = { ok: true } | { ok: false; message: string };

export function useJobActions() {
  const server = useGalleryServer();
  const edit = useGalleryEdit();
  const [problem, setProblem] = useState<string | null>(null);
  const toast = useToast();
  const retrying = useRef(new Set<string>());

  const settle = useCallback(
    async (work: Promise<Result>) => {
      setProblem(null);
      const r = await work;
      if (!r.ok) setProblem(r.message);
      await edit.sync();
      return r.ok;
    },
    [edit],
  );

  const retry = useCallback(
    async (job: BrowserJob) => {
      // One click, one new paid job: ignore repeats while the first is on its way.
      if (retrying.current.has(job.id)) return;
      retrying.current.add(job.id);
      try {
        setProblem(null);
        const r = await server.retryJob({ jobId: job.id });
        if (r.ok) edit.add(r.data);
        else setProblem(r.message);
      } finally {
        retrying.current.delete(job.id);
      }
    },
    [server, edit],
  );

  const favorite = useCallback(
    async (job: BrowserJob, value: boolean) => {
      edit.patch([job.id], (j) => ({ ...j, favorite: value }));
      await settle(server.setFavorite({ jobId: job.id, favorite: value }));
    },
    [server, edit, settle],
  );

  /** Shows the output as being saved again at once; the server's answer then takes over. */
  const fetchOutput = useCallback(
    async (job: BrowserJob, output: BrowserOutput) => {
      edit.patch([job.id], (j) => ({
        ...j,
        outputs: j.outputs.map((o) =>
          o.id === output.id ? { ...o, state: "PENDING", error: null } : o,
        ),
      }));
      await settle(server.fetchAgain({ outputId: output.id }));
    },
    [server, edit, settle],
  );

  const remove = useCallback(
    async (job: BrowserJob) => {
      edit.drop([job.id]);
      if (!(await settle(server.hideJob({ jobId: job.id })))) return;
      toast.show(`Removed “${job.prompt || job.modelLabel}” from the gallery.`, {
        duration: 8000,
        action: { label: "Undo", onClick: () => void settle(server.restoreJob({ jobId: job.id })) },
      });
    },
    [server, edit, settle, toast],
  );

  return { problem, retry, favorite, fetchOutput, remove };
}
