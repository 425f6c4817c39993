"use client";
// The boards, for the board picker and the selection bar's "add to board".
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { BoardSummary } from "@/lib/gallery/schemas";
import { fetchJson, retryTransient } from "./fetch-json";

export const BOARDS_KEY = ["boards"] as const;

export function useBoards() {
  return useQuery({
    queryKey: BOARDS_KEY,
    queryFn: ({ signal }) =>
      fetchJson<{ boards: BoardSummary[] }>("/api/boards", { signal }).then((r) => r.boards),
    staleTime: 10_000,
    retry: retryTransient,
  });
}

/** After a change to boards or to what is on them: the list and its counts are read again. */
export function useRefreshBoards() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: BOARDS_KEY }), [client]);
}
