"use client";
// A small modal asking to confirm something that cannot be undone, on the native <dialog>
// (focus trapping and Escape come with it). Cancel has the focus first: Enter does no harm.
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  cancelLabel = "Cancel",
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  /** Resolves to an error message to show in the dialog, or null when it is done. */
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
  cancelLabel?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const problem = await onConfirm();
      if (problem) setError(problem);
      else onClose();
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onClose={onClose}
      className="m-auto w-[92vw] max-w-md rounded-2xl border border-neutral-800 bg-neutral-950 p-5 text-neutral-100 shadow-2xl backdrop:bg-black/70 backdrop:backdrop-blur-sm"
    >
      <h2 id={`${id}-title`} className="text-sm font-semibold text-neutral-100">
        {title}
      </h2>
      <div id={`${id}-body`} className="mt-2 text-sm leading-relaxed text-neutral-300">
        {children}
      </div>
      {error ? (
        <p
          role="alert"
          className="mt-3 rounded-lg border border-red-500/30 bg-red-500/10 px-3 py-2 text-xs text-red-200"
        >
          {error}
        </p>
      ) : null}
      <div className="mt-5 flex justify-end gap-2">
        <Button size="sm" variant="ghost" autoFocus onClick={onClose}>
          {cancelLabel}
        </Button>
        <Button size="sm" variant="danger" disabled={busy} onClick={() => void confirm()}>
          {busy ? "Working…" : confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
