// Memory and CPU of a whole process group from /proc (Linux): the studio runs as tsx's wrapper
// plus the server process it starts, so one pid alone would miss most of it.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Usage {
  rssBytes: number;
  cpuSeconds: number;
}

export function groupUsage(pgid: number): Usage {
  let rssBytes = 0;
  let ticks = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) !== pgid) continue;
      ticks += Number(f[11]) + Number(f[12]);
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${name}/status`, "utf8"));
      rssBytes += rss ? Number(rss[1]) * 1024 : 0;
    } catch {
      // exited while we looked
    }
  }
  return { rssBytes, cpuSeconds: ticks / TICKS_PER_SECOND };
}

export interface Window {
  seconds: number;
  rssMean: number;
  rssMax: number;
  rssLast: number;
  /** CPU time over wall time: 1 is one core busy all along. */
  cpuShare: number;
}

/** Samples the group every `everyMs` until stop() is called. */
export function sampleGroup(pgid: number, everyMs = 1000) {
  const start = groupUsage(pgid);
  const t0 = performance.now();
  const rss: number[] = [start.rssBytes];
  const timer = setInterval(() => rss.push(groupUsage(pgid).rssBytes), everyMs);
  return {
    stop(): Window {
      clearInterval(timer);
      const end = groupUsage(pgid);
      rss.push(end.rssBytes);
      const seconds = (performance.now() - t0) / 1000;
      return {
        seconds,
        rssMean: rss.reduce((a, b) => a + b, 0) / rss.length,
        rssMax: Math.max(...rss),
        rssLast: end.rssBytes,
        cpuShare: (end.cpuSeconds - start.cpuSeconds) / seconds,
      };
    },
  };
}
