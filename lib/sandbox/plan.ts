// Prompt directives ask the sandbox for a particular answer, so tests (and curious designers) can
// reach every branch of the protocol: `[sandbox:fail=402]`, `[sandbox:slow]` and so on, in the
// prompt or the negative prompt. They are read once, at submit, into the plan stored with the
// request; nothing after that looks at the prompt again.

/** What the sandbox will do with one request, as its prompt asked. */
export interface Plan {
  /** `fail=NNN`: refuse the submit with this HTTP status (the first such directive wins). */
  refuse: number | null;
  /** `fail=failed` or `fail=error`: the request ends so, with this error (FAILED wins). */
  fail: { state: "FAILED" | "ERROR"; message: string } | null;
  /** `slow`: processing takes five times as long. */
  slow: boolean;
  /**
   * `media=404` or `media=500`: output links answer this status instead of the file.
   * `media=expire-once`: the first set of links handed out answers 403 (expired) for good; every
   * later status read hands out fresh links that work. 404 wins, then 500.
   */
  media: 404 | 500 | "expire-once" | null;
  /** `mesh=corrupt`: the GLB keeps its 20-byte header and is garbage after it. */
  corruptMesh: boolean;
}

const DIRECTIVE = /\[sandbox:([a-z0-9=_-]+)\]/gi;

/** The directives in a request's prompt and negative prompt, lower-cased, in order. */
function directivesOf(params: { prompt?: unknown; negative_prompt?: unknown }): string[] {
  const text = `${params.prompt ?? ""} ${params.negative_prompt ?? ""}`;
  return Array.from(text.matchAll(DIRECTIVE), (m) => m[1].toLowerCase());
}

/** Unknown directives and values are ignored, as a real prompt's stray brackets would be. */
export function planOf(params: { prompt?: unknown; negative_prompt?: unknown }): Plan {
  const wants = directivesOf(params);
  const code = wants.map((d) => /^fail=(\d{3})$/.exec(d)?.[1]).find(Boolean);
  return {
    refuse: code ? Number(code) : null,
    fail: wants.includes("fail=failed")
      ? { state: "FAILED", message: "The safety checker flagged this prompt (sandbox)." }
      : wants.includes("fail=error")
        ? { state: "ERROR", message: "The GPU worker ran out of memory (sandbox)." }
        : null,
    slow: wants.includes("slow"),
    media: wants.includes("media=404")
      ? 404
      : wants.includes("media=500")
        ? 500
        : wants.includes("media=expire-once")
          ? "expire-once"
          : null,
    corruptMesh: wants.includes("mesh=corrupt"),
  };
}
