// Replays the studio's own "generate" server action with other arguments: the action is a
// public endpoint, so tests (fuzzing, bulk jobs) call it exactly as the browser does.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type { StudioPage } from "../pages/studio-page";

export interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  call: (
    arg: unknown,
    request?: APIRequestContext,
    rawBody?: string,
  ) => Promise<{ status: number; text: string }>;
}

export async function captureGenerate(page: Page, prompt: string): Promise<CapturedAction> {
  await page.getByRole("textbox", { name: "Prompt", exact: true }).fill(prompt);
  const [req] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    page.getByRole("button", { name: "Generate" }).click(),
  ]);
  const keep = ["next-action", "content-type", "accept", "next-router-state-tree"];
  const headers = Object.fromEntries(
    Object.entries(req.headers()).filter(([k]) => keep.includes(k)),
  );
  const url = req.url();
  return {
    url,
    headers,
    call: async (arg, request = page.request, rawBody) => {
      const res = await request.post(url, {
        headers,
        data: rawBody ?? JSON.stringify([arg]),
        maxRedirects: 0,
      });
      return { status: res.status(), text: await res.text() };
    },
  };
}

/** The job id in a successful action answer (React Server Components text). */
export function jobIdOf(text: string): string | null {
  return /"ok":true,"data":\{"id":"([0-9a-f-]{36})"/.exec(text)?.[1] ?? null;
}

/** Makes image jobs through the form's own action, then waits for each to show as completed. */
export async function makeJobs(studio: StudioPage, prompts: string[], params = {}) {
  const generate = await captureGenerate(studio.page, prompts[0]);
  for (const prompt of prompts.slice(1)) {
    const r = await generate.call({
      model: "hunyuan-image",
      prompt,
      image_size: "square",
      ...params,
    });
    expect(jobIdOf(r.text), r.text.slice(0, 200)).not.toBeNull();
  }
  for (const prompt of prompts) await studio.waitCompleted(prompt);
}
