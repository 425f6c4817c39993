"use client";
import { useEffect, useRef } from "react";

/** A modal on the native <dialog>: focus trapping, Escape and the backdrop come with it. */
export function Dialog({
  label,
  onClose,
  children,
  wide,
  narrow,
}: {
  label: string;
  onClose: () => void;
  children: React.ReactNode;
  wide?: boolean;
  /** For a short list or a question, not a picture. */
  narrow?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={label}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      className={`pointer-events-auto m-auto max-h-[92vh] w-[94vw] overflow-hidden rounded-2xl border border-neutral-800 bg-neutral-950 p-0 text-neutral-100 shadow-2xl backdrop:bg-black/75 backdrop:backdrop-blur-sm ${
        wide ? "max-w-7xl" : narrow ? "max-w-lg" : "max-w-6xl"
      }`}
    >
      {children}
    </dialog>
  );
}

/** The × in a dialog's corner. */
export function DialogClose({ onClose }: { onClose: () => void }) {
  return (
    <button
      type="button"
      onClick={onClose}
      aria-label="Close"
      className="rounded-md px-2 text-lg leading-none text-neutral-400 hover:bg-neutral-800 hover:text-white"
    >
      ×
    </button>
  );
}

/** A dialog's title with the × beside it. */
export function DialogHeader({ title, onClose }: { title: React.ReactNode; onClose: () => void }) {
  return (
    <div className="flex items-start justify-between gap-2">
      <h2 className="text-sm font-semibold">{title}</h2>
      <DialogClose onClose={onClose} />
    </div>
  );
}

/** A problem to read beside the control that caused it. */
export function Problem({ children }: { children: React.ReactNode }) {
  return (
    <p role="alert" className="text-xs text-red-300">
      {children}
    </p>
  );
}
