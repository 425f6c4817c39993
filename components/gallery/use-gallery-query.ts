"use client";
// The gallery's query, held in the page's URL so a reload, Back or a shared link shows the same
// view. Read with the server's own schema (lib/gallery/query); written with the History API,
// which Next keeps in step with useSearchParams without asking the server to render the page
// again (router.replace would, on every keystroke of a search).
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { galleryQueryParams, readGalleryQuery, type GalleryQuery } from "@/lib/gallery/query";

/** The URL's own text for each key, so a field the schema refused still shows what was typed. */
export type RawQuery = Partial<Record<keyof GalleryQuery, string>>;

/** What the URL says, as typed; undefined clears a key. */
export type QueryPatch = Partial<Record<keyof GalleryQuery, string | undefined>>;

export interface GalleryQueryState {
  query: GalleryQuery;
  /** The query's search params in their stable order: the cache key of the view. */
  params: string;
  raw: RawQuery;
  /** Why parts of the URL were left out, in the server's words. */
  problems: string[];
  update: (patch: QueryPatch) => void;
  clear: () => void;
}

const KEYS = ["q", "kind", "model", "state", "from", "to", "favorites", "board", "sort"] as const;

export function useGalleryQuery(): GalleryQueryState {
  const search = useSearchParams();
  const pathname = usePathname();
  const text = search.toString();

  const { query, problems, raw } = useMemo(() => {
    const url = new URLSearchParams(text);
    const read = readGalleryQuery(url);
    const rawValues: RawQuery = {};
    for (const k of KEYS) {
      const v = url.get(k);
      if (v) rawValues[k] = v;
    }
    return { ...read, raw: rawValues };
  }, [text]);
  const params = useMemo(() => galleryQueryParams(query).toString(), [query]);

  const write = useCallback(
    (next: URLSearchParams) => {
      const s = next.toString();
      window.history.replaceState(null, "", s ? `${pathname}?${s}` : pathname);
    },
    [pathname],
  );

  const update = useCallback(
    (patch: QueryPatch) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === "") next.delete(k);
        else next.set(k, v);
      }
      if (next.get("sort") === "newest") next.delete("sort");
      write(next);
    },
    [write],
  );

  const clear = useCallback(() => {
    const next = new URLSearchParams(window.location.search);
    // Clearing the filters keeps the order the designer chose.
    for (const k of KEYS) if (k !== "sort") next.delete(k);
    write(next);
  }, [write]);

  return { query, params, raw, problems, update, clear };
}
