"use client";
import { useEffect, useState } from "react";
import { formatDuration } from "@/components/ui/format";

/** Time since `from`, ticking while the job waits; fixed once it has ended. */
export function Elapsed({ from, to }: { from: string; to: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (to) return;
    const t = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(t);
  }, [to]);
  const end = to ? Date.parse(to) : now;
  return <span className="tabular-nums">{formatDuration(end - Date.parse(from))}</span>;
}
