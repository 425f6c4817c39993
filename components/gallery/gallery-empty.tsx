// What the gallery says when it has nothing to show: how to make the first job, or why the
// filters match nothing and how to widen them.
import { isFiltered, type GalleryQuery } from "@/lib/gallery/query";
import { Button } from "@/components/ui/button";

export function GalleryEmpty({ query, onClear }: { query: GalleryQuery; onClear: () => void }) {
  if (!isFiltered(query)) {
    return (
      <div className="flex flex-col items-center justify-center gap-2 rounded-2xl border border-dashed border-neutral-800 px-6 py-24 text-center">
        <p className="text-sm text-neutral-300">Nothing here yet.</p>
        <p className="max-w-sm text-xs text-neutral-500">
          Write a prompt and press Generate. Your images and 3D models stay here, across reloads and
          restarts.
        </p>
      </div>
    );
  }
  const onlyBoard = query.board && !isFiltered({ ...query, board: undefined });
  return (
    <div className="flex flex-col items-center gap-3 rounded-2xl border border-dashed border-neutral-800 px-6 py-16 text-center">
      <p className="text-sm text-neutral-300">
        {onlyBoard
          ? "No jobs on this board yet."
          : `No job matches${query.q ? ` “${query.q}”` : " these filters"}.`}
      </p>
      <p className="max-w-sm text-xs text-neutral-500">
        {onlyBoard
          ? "Press Select, choose jobs in the gallery, then Add to board."
          : query.q
            ? "Search looks for these exact characters in prompts. Try fewer words, or clear the filters."
            : "Widen the dates or choose other filters, or clear them to see every job."}
      </p>
      <Button size="sm" variant="ghost" onClick={onClear}>
        Show every job
      </Button>
    </div>
  );
}
