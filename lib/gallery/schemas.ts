// The inputs of the gallery's actions (boards, favorites, delete, stop tracking), shared by the
// forms and the server actions in app/(studio)/gallery-actions.ts. Client-safe.
import { z } from "zod";

export const BOARD_NAME_MAX = 80;
/** The most jobs one selection action (add to board, favorite, delete, download) takes. */
export const JOB_IDS_MAX = 500;

/** A board name as kept: spaces trimmed and runs of whitespace made one space. */
export function cleanBoardName(name: string): string {
  return name.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** What two names must differ in to be two boards: letter case does not count. */
export function boardNameKey(name: string): string {
  return cleanBoardName(name).toLocaleLowerCase("en-US");
}

/** Characters as a person counts them (an emoji is one, not two UTF-16 units). */
const length = (s: string) => [...s].length;

export const boardName = z
  .string({ error: "Give the board a name." })
  .transform(cleanBoardName)
  .pipe(
    z
      .string()
      .min(1, "Give the board a name.")
      .refine(
        (s) => length(s) <= BOARD_NAME_MAX,
        `Name the board in at most ${BOARD_NAME_MAX} characters.`,
      ),
  );

const boardId = z.string().uuid("That board does not exist.");

export const jobIds = z
  .array(z.string().uuid("That job does not exist."), { error: "Choose some jobs." })
  .min(1, "Choose at least one job.")
  .max(JOB_IDS_MAX, `Choose at most ${JOB_IDS_MAX} jobs at once.`)
  .transform((ids) => [...new Set(ids)]);

export const createBoardInput = z.object({ name: boardName });
export const renameBoardInput = z.object({ id: boardId, name: boardName });
export const boardRef = z.object({ id: boardId });
export const boardJobsInput = z.object({ boardId, jobIds });
export const setFavoritesInput = z.object({
  jobIds,
  favorite: z.boolean({ error: "Say whether to star or unstar." }),
});
export const deleteJobsInput = z.object({ jobIds });
export const stopTrackingInput = z.object({ jobId: z.string().uuid("That job does not exist.") });

/** One board as the board list shows it; `count` is the jobs on it still in the gallery. */
export interface BoardSummary {
  id: string;
  name: string;
  count: number;
}

export interface DeleteJobsResult {
  /** Gone now, including jobs another tab or person had already deleted. */
  deleted: string[];
  refused: { id: string; reason: string }[];
}
