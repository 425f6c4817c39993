"use server";
// The gallery's server actions: boards, favorites, deleting jobs and stopping the tracking of
// one. Each goes through `action`: access, zod, then the work; inputs are in lib/gallery/schemas.
import { ActionError, action } from "@/lib/auth/access";
import {
  addJobsToBoard,
  createBoardRow,
  deleteBoardRow,
  removeJobsFromBoard,
  renameBoardRow,
  setJobsFavorite,
  type BoardRow,
  type NameTaken,
} from "@/lib/db/boards";
import { deleteJobs as deleteJobRows } from "@/lib/db/deletion";
import {
  boardJobsInput,
  boardRef,
  createBoardInput,
  deleteJobsInput,
  renameBoardInput,
  setFavoritesInput,
  stopTrackingInput,
} from "@/lib/gallery/schemas";
import { stopTracking as stopJob } from "@/lib/gallery/stop-tracking";

const BOARD_GONE = "That board no longer exists.";

function named(result: BoardRow | NameTaken | null): BoardRow {
  if (result === null) throw new ActionError("not_found", BOARD_GONE);
  if ("taken" in result) {
    const message = `A board named “${result.taken}” already exists.`;
    throw new ActionError("conflict", message, { name: message });
  }
  return { id: result.id, name: result.name };
}

export const createBoard = action(createBoardInput, async ({ name }) =>
  named(await createBoardRow(name)),
);

export const renameBoard = action(renameBoardInput, async ({ id, name }) =>
  named(await renameBoardRow(id, name)),
);

/** Deleting a board keeps its jobs. Deleting one that is already gone is not an error. */
export const deleteBoard = action(boardRef, async ({ id }) => {
  await deleteBoardRow(id);
  return { id };
});

export const addToBoard = action(boardJobsInput, async ({ boardId, jobIds }) => {
  const added = await addJobsToBoard(boardId, jobIds);
  if (!added) throw new ActionError("not_found", BOARD_GONE);
  return { boardId, jobIds: added };
});

export const removeFromBoard = action(boardJobsInput, async ({ boardId, jobIds }) => {
  const removed = await removeJobsFromBoard(boardId, jobIds);
  if (!removed) throw new ActionError("not_found", BOARD_GONE);
  return { boardId, jobIds: removed };
});

export const setFavorites = action(setFavoritesInput, async ({ jobIds, favorite }) => ({
  jobIds: await setJobsFavorite(jobIds, favorite),
}));

/** Deletes jobs and their files for good; jobs in flight are refused, each with why. */
export const deleteJobs = action(deleteJobsInput, async ({ jobIds }) => deleteJobRows(jobIds));

export const stopTracking = action(stopTrackingInput, async ({ jobId }) => {
  const state = await stopJob(jobId);
  if (!state) throw new ActionError("not_found", "That job no longer exists.");
  return { jobId, state };
});
