"use client";
// The gallery's search box: what is typed goes into the URL a quarter of a second after the
// last key, so each word typed does not load a view of its own.
import { useCallback, useEffect, useRef, useState } from "react";

const DEBOUNCE_MS = 250;

/** The box's text, written to the URL (`onSearch`) once typing pauses. */
export function useDebouncedSearch(initial: string, onSearch: (q: string | undefined) => void) {
  const [draft, setDraft] = useState(initial);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  }, [onSearch]);

  const reset = useCallback((text: string) => {
    window.clearTimeout(timer.current);
    setDraft(text);
  }, []);

  // Back and Forward change the URL under the box: show what it now holds.
  useEffect(() => {
    const onPop = () => reset(new URLSearchParams(window.location.search).get("q") ?? "");
    window.addEventListener("popstate", onPop);
    return () => {
      window.removeEventListener("popstate", onPop);
      window.clearTimeout(timer.current);
    };
  }, [reset]);

  const change = useCallback((text: string) => {
    setDraft(text);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => latest.current(text.trim() || undefined), DEBOUNCE_MS);
  }, []);

  return { draft, change, reset };
}

/** `/` focuses the box by this id, from anywhere in the studio. */
export const SEARCH_BOX_ID = "gallery-search";

export function SearchBox({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <input
      id={SEARCH_BOX_ID}
      type="search"
      aria-label="Search"
      title="Search prompts (/)"
      placeholder="Search prompts"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className="h-8 w-56 rounded-lg border border-neutral-800 bg-neutral-900 px-3 text-xs text-neutral-100 placeholder:text-neutral-500 focus:border-violet-400 focus:outline-none"
    />
  );
}
