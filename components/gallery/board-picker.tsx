"use client";
// Boards in the toolbar: pick one to view (the `board` filter), make one, rename or delete the
// one being viewed. Names are checked with the server's schema first; the server's own message
// (a name already taken) is shown as it is.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { createBoardInput } from "@/lib/gallery/schemas";
import { ConfirmDialog } from "./confirm-dialog";
import { useGalleryServer } from "./gallery-server";
import { useBoards, useRefreshBoards } from "./use-boards";

type Editing = { mode: "create" } | { mode: "rename"; id: string } | null;

const selectClass =
  "h-8 max-w-48 rounded-lg border border-neutral-800 bg-neutral-900 px-2 text-xs text-neutral-200 focus:border-violet-400 focus:outline-none";

export function BoardPicker({
  board,
  onPick,
}: {
  board: string | undefined;
  onPick: (id: string | undefined) => void;
}) {
  const server = useGalleryServer();
  const { data: boards } = useBoards();
  const refresh = useRefreshBoards();
  const [editing, setEditing] = useState<Editing>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const current = boards?.find((b) => b.id === board);

  function start(next: Editing) {
    setEditing(next);
    setError(null);
    setName(next?.mode === "rename" ? (current?.name ?? "") : "");
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const checked = createBoardInput.safeParse({ name });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? "Give the board a name.");
      return;
    }
    const r =
      editing?.mode === "rename"
        ? await server.renameBoard({ id: editing.id, name })
        : await server.createBoard({ name });
    if (!r.ok) {
      setError(r.fieldErrors?.name ?? r.message);
      return;
    }
    setEditing(null);
    setError(null);
    await refresh();
  }

  async function remove(): Promise<string | null> {
    if (!board) return null;
    const r = await server.deleteBoard({ id: board });
    if (!r.ok) return r.message;
    onPick(undefined);
    await refresh();
    return null;
  }

  return (
    <div className="flex flex-col gap-1.5">
      <div role="group" aria-label="Boards" className="flex flex-wrap items-center gap-1">
        <select
          aria-label="Board"
          value={board ?? ""}
          onChange={(e) => onPick(e.target.value || undefined)}
          className={selectClass}
        >
          <option value="">All boards</option>
          {boards?.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} ({b.count})
            </option>
          ))}
          {board && boards && !current ? <option value={board}>A deleted board</option> : null}
        </select>
        <Button size="sm" variant="ghost" onClick={() => start({ mode: "create" })}>
          New board
        </Button>
        {current ? (
          <>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => start({ mode: "rename", id: current.id })}
            >
              Rename board
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setDeleting(true)}>
              Delete board
            </Button>
          </>
        ) : null}
      </div>
      {editing ? (
        <form
          aria-label={editing.mode === "create" ? "New board" : "Rename board"}
          onSubmit={(e) => void save(e)}
          className="flex flex-wrap items-center gap-1.5"
        >
          <input
            aria-label="Board name"
            value={name}
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "board-name-error" : undefined}
            onChange={(e) => setName(e.target.value)}
            placeholder="Board name"
            className="h-8 w-52 rounded-lg border border-neutral-700 bg-neutral-900 px-3 text-xs text-neutral-100 placeholder:text-neutral-500 focus:border-violet-400 focus:outline-none aria-[invalid=true]:border-red-400"
          />
          <Button size="sm" variant="primary" type="submit">
            {editing.mode === "create" ? "Create board" : "Save name"}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => start(null)}>
            Cancel
          </Button>
        </form>
      ) : null}
      {error ? (
        <p id="board-name-error" role="alert" className="text-xs text-red-300">
          {error}
        </p>
      ) : null}
      {deleting && current ? (
        <ConfirmDialog
          title={`Delete the board “${current.name}”?`}
          confirmLabel="Delete board"
          onConfirm={remove}
          onClose={() => setDeleting(false)}
        >
          Its {current.count === 1 ? "job stays" : `${current.count} jobs stay`} in the gallery;
          only the board goes.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
