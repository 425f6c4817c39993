// Human-readable numbers shown across the studio; "–" wherever a value is unknown.

const countFormat = new Intl.NumberFormat("en-US");

/** A span of time: "420 ms", "4.2 s", "42 s", "4 min 2 s", "1 h 5 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return "–";
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  if (ms < 9950) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function formatSize(bytes: number | null | undefined): string {
  if (bytes == null) return "–";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** A whole count with thousands grouped: "499,998". */
export function formatCount(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return "–";
  return countFormat.format(Math.round(n));
}
