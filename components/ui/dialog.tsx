"use client";
import { useEffect, useRef } from "react";

/** A modal on the native <dialog>: focus trapping, Escape and the backdrop come with it. */
export function Dialog({
  label,
  onClose,
  children,
  wide,
}: {
  label: string;
  onClose: () => void;
  children: React.ReactNode;
  wide?: boolean;
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
      className={`m-auto max-h-[92vh] w-[94vw] overflow-hidden rounded-2xl border border-neutral-800 bg-neutral-950 p-0 text-neutral-100 shadow-2xl backdrop:bg-black/75 backdrop:backdrop-blur-sm ${
        wide ? "max-w-7xl" : "max-w-6xl"
      }`}
    >
      {children}
    </dialog>
  );
}
