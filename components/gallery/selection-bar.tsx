"use client";
// What can be done with the selected jobs: compare two to four images, download them as one ZIP,
// star them, put them on a board or take them off, delete them for good (jobs in flight are
// refused, with the reason).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { JOB_IDS_MAX } from "@/lib/gallery/schemas";
import { COMPARE_MAX, CompareView, comparable } from "./compare-view";
import { ConfirmDialog } from "./confirm-dialog";
import { useGalleryServer } from "./gallery-server";
import { useBoards, useRefreshBoards } from "./use-boards";
import { useGalleryEdit } from "./use-jobs";
import type { Selection } from "./use-selection";

const plural = (n: number, one = "job", many = "jobs") =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export function SelectionBar({
  selection,
  loaded,
  board,
}: {
  selection: Selection;
  /** Ids of the view's loaded jobs, in order: "Select all in view". */
  loaded: readonly string[];
  /** The board being viewed, the first choice for "add to board". */
  board: string | undefined;
}) {
  const server = useGalleryServer();
  const edit = useGalleryEdit();
  const refreshBoards = useRefreshBoards();
  const { data: boards } = useBoards();
  const [target, setTarget] = useState<string>("");
  const [notice, setNotice] = useState<{ tone: "ok" | "problem"; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [comparing, setComparing] = useState(false);
  const ids = [...selection.ids];
  const count = ids.length;
  const selectedJobs = ids.map((id) => edit.find(id)).filter((j) => j !== undefined);
  const images = comparable(selectedJobs).length;
  const canCompare = count >= 2 && count <= COMPARE_MAX && images === count;
  const chosenBoard = boards?.find((b) => b.id === (target || board)) ?? boards?.[0];
  const tooMany = count > JOB_IDS_MAX;
  const limitText = `Choose at most ${JOB_IDS_MAX} jobs at once.`;

  async function favorite(value: boolean) {
    setNotice(null);
    edit.patch(ids, (j) => ({ ...j, favorite: value }));
    const r = await server.setFavorites({ jobIds: ids, favorite: value });
    if (!r.ok) setNotice({ tone: "problem", text: r.message });
    await edit.sync();
  }

  async function onBoard(add: boolean) {
    if (!chosenBoard) return;
    setNotice(null);
    const input = { boardId: chosenBoard.id, jobIds: ids };
    const r = add ? await server.addToBoard(input) : await server.removeFromBoard(input);
    if (!r.ok) setNotice({ tone: "problem", text: r.message });
    else
      setNotice({
        tone: "ok",
        text: `${add ? "Added" : "Took"} ${plural(r.data.jobIds.length)} ${add ? "to" : "off"} “${chosenBoard.name}”.`,
      });
    await Promise.all([edit.sync(), refreshBoards()]);
  }

  async function remove(): Promise<string | null> {
    const r = await server.deleteJobs({ jobIds: ids });
    if (!r.ok) return r.message;
    const { deleted, refused } = r.data;
    edit.drop(deleted);
    selection.forget(deleted);
    if (refused.length) {
      const why = refused
        .map((x) => `“${edit.find(x.id)?.prompt || "untitled"}”: ${x.reason}`)
        .join("; ");
      setNotice({
        tone: "problem",
        text: `Deleted ${plural(deleted.length)}. Not deleted: ${why}.`,
      });
    } else setNotice({ tone: "ok", text: `Deleted ${plural(deleted.length)}.` });
    void refreshBoards();
    void edit.sync();
    return null;
  }

  return (
    <div
      role="region"
      aria-label="Selected jobs"
      className="sticky top-2 z-20 flex flex-col gap-2 rounded-xl border border-violet-400/30 bg-neutral-900/95 px-3 py-2 shadow-xl shadow-black/30 backdrop-blur"
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <p className="mr-1 text-xs font-medium text-violet-200" aria-live="polite">
          {count
            ? `${plural(count)} selected`
            : "Click jobs to select them; shift-click for a range."}
        </p>
        <Button size="sm" variant="ghost" onClick={() => selection.selectAll(loaded)}>
          Select all in view
        </Button>
        <Button size="sm" variant="ghost" disabled={!count} onClick={selection.clear}>
          Clear selection
        </Button>
        <span aria-hidden className="mx-1 h-5 w-px bg-neutral-700" />
        <Button
          size="sm"
          disabled={!canCompare}
          onClick={() => setComparing(true)}
          title={
            canCompare
              ? "See the selected images side by side"
              : `Select two to ${COMPARE_MAX} finished images to compare them`
          }
        >
          Compare
        </Button>
        <form
          method="post"
          action="/api/jobs/zip"
          onSubmit={(e) => {
            if (!tooMany) return;
            e.preventDefault();
            setNotice({ tone: "problem", text: limitText });
          }}
        >
          <input type="hidden" name="ids" value={ids.join(",")} />
          <Button size="sm" type="submit" disabled={!count}>
            Download ZIP
          </Button>
        </form>
        <Button size="sm" disabled={!count} onClick={() => void favorite(true)}>
          Favourite selected
        </Button>
        <Button size="sm" disabled={!count} onClick={() => void favorite(false)}>
          Unfavourite selected
        </Button>
        {boards?.length ? (
          <>
            <select
              aria-label="Board for selected jobs"
              value={chosenBoard?.id ?? ""}
              onChange={(e) => setTarget(e.target.value)}
              className="h-8 max-w-40 rounded-lg border border-neutral-700 bg-neutral-900 px-2 text-xs text-neutral-200 focus:border-violet-400 focus:outline-none"
            >
              {boards.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
            <Button size="sm" disabled={!count} onClick={() => void onBoard(true)}>
              Add to board
            </Button>
            <Button size="sm" disabled={!count} onClick={() => void onBoard(false)}>
              Remove from board
            </Button>
          </>
        ) : null}
        <Button
          size="sm"
          variant="danger"
          className="ml-auto"
          disabled={!count}
          onClick={() =>
            tooMany ? setNotice({ tone: "problem", text: limitText }) : setConfirming(true)
          }
        >
          Delete
        </Button>
      </div>
      {notice ? (
        <p
          role={notice.tone === "problem" ? "alert" : "status"}
          className={`text-xs ${notice.tone === "problem" ? "text-red-300" : "text-emerald-300"}`}
        >
          {notice.text}
        </p>
      ) : null}
      {comparing ? <CompareView jobs={selectedJobs} onClose={() => setComparing(false)} /> : null}
      {confirming ? (
        <ConfirmDialog
          title={`Delete ${plural(count)}?`}
          confirmLabel={`Delete ${plural(count)}`}
          onConfirm={remove}
          onClose={() => setConfirming(false)}
        >
          {count === 1 ? "Its" : "Their"} images and meshes are deleted from the studio for good;
          this cannot be undone. Jobs still in flight are not deleted.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
