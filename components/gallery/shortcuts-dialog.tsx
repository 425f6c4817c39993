"use client";
// The keyboard shortcuts: `/` focuses the gallery's search, `?` (or the button) lists them all in
// the "Keyboard shortcuts" dialog.
import { useState } from "react";
import { Dialog, DialogHeader } from "@/components/ui/dialog";
import { SEARCH_BOX_ID } from "./search-box";
import { SHORTCUTS } from "./shortcuts";
import { useGlobalShortcuts } from "./use-global-shortcuts";

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog label="Keyboard shortcuts" onClose={onClose} narrow>
      <div className="flex flex-col gap-4 p-5">
        <DialogHeader title="Keyboard shortcuts" onClose={onClose} />
        <dl className="flex flex-col gap-1.5 text-sm">
          {SHORTCUTS.map((s) => (
            <div
              key={s.label}
              className="flex items-center gap-3 rounded-lg border border-neutral-800 bg-neutral-900/60 px-3 py-2"
            >
              <dt className="flex w-24 shrink-0 gap-1">
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

export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  useGlobalShortcuts({
    onSearch: () => {
      const box = document.getElementById(SEARCH_BOX_ID);
      box?.focus();
      box?.scrollIntoView({ block: "nearest" });
    },
    onHelp: () => setOpen(true),
  });
  return (
    <>
      <button
        type="button"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setOpen(true)}
        className="pointer-events-auto flex h-8 w-8 items-center justify-center rounded-full border border-neutral-800 bg-neutral-900/90 text-xs font-semibold text-neutral-300 shadow-lg shadow-black/20 backdrop-blur hover:border-violet-400/50 hover:text-neutral-100 focus-visible:outline-2 focus-visible:outline-violet-400"
      >
        ?
      </button>
      {open ? <ShortcutsDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
