"use client";
// The studio-wide keys: `/` to search the gallery, `?` for the list of shortcuts. Keys typed into
// fields are left alone.
import { useEffect, useEffectEvent } from "react";
import { globalShortcut } from "./shortcuts";

export function useGlobalShortcuts({
  onSearch,
  onHelp,
}: {
  onSearch?: () => void;
  onHelp?: () => void;
}) {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    const dialogOpen = document.querySelector("dialog[open]") !== null;
    const shortcut = globalShortcut(e, dialogOpen);
    const run = shortcut === "search" ? onSearch : shortcut === "help" ? onHelp : undefined;
    if (!run) return;
    // Otherwise the `/` lands in the search field it just focused.
    e.preventDefault();
    run();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
}
