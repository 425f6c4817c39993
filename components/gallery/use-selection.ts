"use client";
// Selection mode: a click selects a job, a shift-click every job between it and the last one
// clicked, in the order the view shows them.
import { useCallback, useMemo, useState } from "react";

export interface Selection {
  on: boolean;
  ids: ReadonlySet<string>;
  setOn: (on: boolean) => void;
  /** `order` is the view's loaded jobs, top to bottom. */
  toggle: (id: string, range: boolean, order: readonly string[]) => void;
  selectAll: (ids: readonly string[]) => void;
  clear: () => void;
  forget: (ids: Iterable<string>) => void;
}

export function useSelection(): Selection {
  const [on, setMode] = useState(false);
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  const [anchor, setAnchor] = useState<string | null>(null);

  const setOn = useCallback((next: boolean) => {
    setMode(next);
    if (!next) {
      setIds(new Set());
      setAnchor(null);
    }
  }, []);

  const toggle = useCallback(
    (id: string, range: boolean, order: readonly string[]) => {
      const from = anchor ? order.indexOf(anchor) : -1;
      const to = order.indexOf(id);
      if (range && from >= 0 && to >= 0) {
        const [lo, hi] = from < to ? [from, to] : [to, from];
        setIds((old) => new Set([...old, ...order.slice(lo, hi + 1)]));
      } else {
        setIds((old) => {
          const next = new Set(old);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        });
      }
      setAnchor(id);
    },
    [anchor],
  );

  const selectAll = useCallback((all: readonly string[]) => setIds(new Set(all)), []);
  const clear = useCallback(() => {
    setIds(new Set());
    setAnchor(null);
  }, []);
  const forget = useCallback((gone: Iterable<string>) => {
    const drop = new Set(gone);
    setIds((old) => new Set([...old].filter((id) => !drop.has(id))));
  }, []);

  return useMemo(
    () => ({ on, ids, setOn, toggle, selectAll, clear, forget }),
    [on, ids, setOn, toggle, selectAll, clear, forget],
  );
}
