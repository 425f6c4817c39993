"use client";
// The gallery's controls: search, the quick "Show" filters, model, state, dates, board and sort,
// all held in the URL; "Clear filters"; and "Select", which turns clicks into a selection.
import { MODELS } from "@/lib/gateway/models";
import { isFiltered, type GalleryQuery } from "@/lib/gallery/query";
import { Button } from "@/components/ui/button";
import { BoardPicker } from "./board-picker";
import { SearchBox } from "./search-box";
import type { GalleryQueryState, QueryPatch } from "./use-gallery-query";

const control =
  "h-8 rounded-lg border border-neutral-800 bg-neutral-900 px-2 text-xs text-neutral-200 focus:border-violet-400 focus:outline-none aria-[invalid=true]:border-red-400";

interface Quick {
  label: string;
  pressed: (q: GalleryQuery) => boolean;
  patch: (q: GalleryQuery) => QueryPatch;
}

/** The old one-of filter, kept as toggles over the query's kind, favorites and state. */
const QUICK: Quick[] = [
  {
    label: "All",
    pressed: (q) => !q.kind && !q.favorites && !q.state,
    patch: () => ({ kind: undefined, favorites: undefined, state: undefined }),
  },
  {
    label: "Images",
    pressed: (q) => q.kind === "image",
    patch: (q) => ({ kind: q.kind === "image" ? undefined : "image" }),
  },
  {
    label: "3D",
    pressed: (q) => q.kind === "mesh",
    patch: (q) => ({ kind: q.kind === "mesh" ? undefined : "mesh" }),
  },
  {
    label: "Favourites",
    pressed: (q) => !!q.favorites,
    patch: (q) => ({ favorites: q.favorites ? undefined : "1" }),
  },
  {
    label: "Failed",
    pressed: (q) => q.state === "failed",
    patch: (q) => ({ state: q.state === "failed" ? undefined : "failed" }),
  },
];

const STATES = [
  { value: "", label: "Any state" },
  { value: "in-flight", label: "In flight" },
  { value: "completed", label: "Completed" },
  { value: "failed", label: "Failed or stopped" },
];

export function GalleryToolbar({
  view,
  search,
  onClear,
  total,
  selecting,
  onSelecting,
  extra,
}: {
  view: GalleryQueryState;
  /** The search box's text and how it changes (see useDebouncedSearch). */
  search: { draft: string; change: (text: string) => void };
  onClear: () => void;
  total: number | null;
  selecting: boolean;
  onSelecting: (on: boolean) => void;
  /** More controls at the end of the first row. */
  extra?: React.ReactNode;
}) {
  const { query, raw, problems, update } = view;
  const dateProblem = problems.find((p) => /date/i.test(p));

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-baseline gap-3">
          <h2 className="text-sm font-semibold tracking-wide text-neutral-300">Gallery</h2>
          {total !== null ? (
            <p className="text-xs text-neutral-500">
              {total.toLocaleString("en-US")} {total === 1 ? "job" : "jobs"}
              {isFiltered(query) ? " match" : ""}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {extra}
          <SearchBox value={search.draft} onChange={search.change} />
          <select
            aria-label="Sort"
            value={query.sort ?? "newest"}
            onChange={(e) => update({ sort: e.target.value })}
            className={control}
          >
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
          <Button
            size="sm"
            variant={selecting ? "primary" : "secondary"}
            aria-pressed={selecting}
            onClick={() => onSelecting(!selecting)}
            title="Choose jobs to download, delete, star or put on a board"
          >
            Select
          </Button>
        </div>
      </div>

      <div className="flex flex-wrap items-start gap-2">
        <div
          role="group"
          aria-label="Show"
          className="flex rounded-lg border border-neutral-800 bg-neutral-900 p-0.5"
        >
          {QUICK.map((f) => (
            <button
              key={f.label}
              type="button"
              aria-pressed={f.pressed(query)}
              onClick={() => update(f.patch(query))}
              className="rounded-md px-2.5 py-1 text-xs text-neutral-400 hover:text-neutral-200 aria-pressed:bg-neutral-700 aria-pressed:text-white"
            >
              {f.label}
            </button>
          ))}
        </div>
        <select
          aria-label="Filter by model"
          value={query.model ?? ""}
          onChange={(e) => update({ model: e.target.value })}
          className={control}
        >
          <option value="">Any model</option>
          {Object.values(MODELS).map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by state"
          value={query.state ?? ""}
          onChange={(e) => update({ state: e.target.value })}
          className={control}
        >
          {STATES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <div role="group" aria-label="Made between" className="flex items-center gap-1">
          <input
            type="date"
            aria-label="From date"
            value={raw.from ?? ""}
            onChange={(e) => update({ from: e.target.value })}
            className={control}
          />
          <span aria-hidden className="text-xs text-neutral-500">
            –
          </span>
          <input
            type="date"
            aria-label="To date"
            value={raw.to ?? ""}
            aria-invalid={dateProblem ? true : undefined}
            onChange={(e) => update({ to: e.target.value })}
            className={control}
          />
        </div>
        <BoardPicker board={raw.board} onPick={(board) => update({ board })} />
        {isFiltered(query) || problems.length ? (
          <Button size="sm" variant="ghost" onClick={onClear}>
            Clear filters
          </Button>
        ) : null}
      </div>
      {problems.length ? (
        <p
          role="alert"
          className="rounded-lg border border-amber-500/30 bg-amber-500/10 px-3 py-2 text-xs text-amber-200"
        >
          {problems.join(" ")} {problems.length === 1 ? "That filter is" : "Those filters are"} not
          applied.
        </p>
      ) : null}
    </div>
  );
}
