// The studio's keyboard shortcuts: the list the "Keyboard shortcuts" dialog shows, and which
// key press means what. Keys typed into a field, or pressed with Ctrl, Alt or Meta, are never
// shortcuts: they belong to the field or to the browser.

export interface Shortcut {
  keys: string[];
  label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ["/"], label: "Search the gallery" },
  { keys: ["?"], label: "Show keyboard shortcuts" },
  { keys: ["←"], label: "Previous image in the large view" },
  { keys: ["→"], label: "Next image in the large view" },
  { keys: ["f"], label: "Favourite the image in the large view" },
  { keys: ["Esc"], label: "Close the large view or a dialog" },
  { keys: ["Shift", "click"], label: "Select a range of jobs" },
];

export type GlobalShortcut = "search" | "help";
export type ViewerShortcut = "previous" | "next" | "favorite";

interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

/** Whether the key goes to something that takes text (a field, an editable element). */
export function typingInto(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const field = el.closest("input, textarea, select, [contenteditable='true']");
  if (!field) return false;
  // A checkbox or a range does not take text: a key on one is still a shortcut.
  const type = field.tagName === "INPUT" ? (field as HTMLInputElement).type : "";
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color"].includes(type);
}

function plain(e: KeyPress): boolean {
  return !e.ctrlKey && !e.altKey && !e.metaKey && !typingInto(e.target);
}

/** `/` and `?`, anywhere in the studio except in a field or while a dialog is open. */
export function globalShortcut(e: KeyPress, dialogOpen: boolean): GlobalShortcut | null {
  if (dialogOpen || !plain(e)) return null;
  if (e.key === "/") return "search";
  if (e.key === "?") return "help";
  return null;
}

/** ←, → and f inside the large view of an image. */
export function viewerShortcut(e: KeyPress): ViewerShortcut | null {
  if (!plain(e)) return null;
  if (e.key === "ArrowLeft") return "previous";
  if (e.key === "ArrowRight") return "next";
  if (e.key === "f" || e.key === "F") return "favorite";
  return null;
}
