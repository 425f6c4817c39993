"use client";
// The list of keyboard shortcuts, opened with `?`.
import { Dialog } from "@/components/ui/dialog";
import { SHORTCUTS } from "./shortcuts";

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog label="Keyboard shortcuts" onClose={onClose}>
      <div className="flex flex-col gap-4 p-5">
        <div className="flex items-start justify-between gap-2">
          <h2 className="text-sm font-semibold">Keyboard shortcuts</h2>
          <button
            type="button"
            onClick={onClose}
            aria-label="Close"
            className="rounded-md px-2 text-lg leading-none text-neutral-400 hover:bg-neutral-800 hover:text-white"
          >
            ×
          </button>
        </div>
        <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {SHORTCUTS.map((s) => (
            <div
              key={s.label}
              className="flex items-center gap-3 rounded-lg border border-neutral-800 bg-neutral-900/60 px-3 py-2"
            >
              <dt className="flex shrink-0 gap-1">
                {s.keys.map((k) => (
                  <kbd
                    key={k}
                    className="min-w-7 rounded-md border border-neutral-700 bg-neutral-800 px-1.5 py-0.5 text-center font-mono text-xs text-neutral-100"
                  >
                    {k}
                  </kbd>
                ))}
              </dt>
              <dd className="text-neutral-300">{s.label}</dd>
            </div>
          ))}
        </dl>
      </div>
    </Dialog>
  );
}
