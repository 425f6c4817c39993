// What every benchmark returns, and the small statistics they share.

export interface BenchOptions {
  /** Small counts and short windows, for CI: the whole suite in under three minutes. */
  quick: boolean;
}

/** One line of the results table: a figure measured against a baseline from the same run. */
export interface Row {
  figure: string;
  measured: string;
  baseline: string;
  ratio?: number;
  target: string;
  /** Absent when the figure has no target to meet (reported only). */
  pass?: boolean;
  note?: string;
}

export type Bench = (opts: BenchOptions) => Promise<Row[]>;

/** A row saying a figure could not be measured, and why; never a pass. */
export function failedRow(figure: string, target: string, err: unknown): Row {
  const message = err instanceof Error ? err.message : String(err);
  return {
    figure,
    measured: "not measured",
    baseline: "–",
    target,
    pass: false,
    note: message.split("\n").slice(0, 3).join(" ").slice(0, 400),
  };
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values: number[]) => quantile(values, 0.5);
export const p95 = (values: number[]) => quantile(values, 0.95);
export const mean = (values: number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;

export const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : "–");
export const sec = (n: number) => (Number.isFinite(n) ? `${(n / 1000).toFixed(2)} s` : "–");
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const ratioOf = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : undefined;

export async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: string,
  everyMs = 250,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
