// Every downloaded file carries what made it: PNG text chunks, XMP in WebP (and JPEG), the
// GLB's asset.extras (checked in mesh.spec). Dropping such a file onto the composer offers
// "Use all parameters"; a file without the data says so.
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";

async function downloadFromLargeView(page: Page, open: () => Promise<void>) {
  await open();
  const dialog = page.getByRole("dialog", { name: "Image details" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("link", { name: "Download" }).click(),
  ]);
  const bytes = await readFile((await download.path())!);
  await page.keyboard.press("Escape");
  return { bytes, name: download.suggestedFilename() };
}

/** Drops a file onto the composer the way a browser does (a DataTransfer with one File). */
async function dropOnComposer(page: Page, bytes: Buffer, name: string, type: string) {
  const transfer = await page.evaluateHandle(
    ({ b64, name, type }) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], name, { type }));
      return dt;
    },
    { b64: bytes.toString("base64"), name, type },
  );
  const form = page.getByRole("form", { name: "New job" });
  await form.dispatchEvent("dragover", { dataTransfer: transfer });
  await form.dispatchEvent("drop", { dataTransfer: transfer });
}

test("downloads carry their generation data, and a dropped file brings it back", async ({
  studio,
  page,
}) => {
  const prompt = "Generation data: a “brass” owl & a moon 🌙, e2e";
  await studio.open();
  await studio.chooseModel("Hunyuan Image v3");
  await studio.prompt.fill(prompt);
  await page.getByLabel("Negative prompt").fill("blurry, e2e");
  await page.getByLabel("Seed").fill("31337");
  await page.getByLabel("Inference steps").fill("12");
  await studio.generateButton.click();
  await studio.waitCompleted(prompt);

  const png = await downloadFromLargeView(page, () =>
    studio.job(prompt).getByRole("button", { name: "Open image 1 large" }).click(),
  );
  const meta = await sharp(png.bytes).metadata();
  const carried = JSON.parse(meta.comments!.find((c) => c.keyword === "hunyuan-studio")!.text);
  expect(carried).toMatchObject({
    model: "hunyuan-image",
    prompt,
    negativePrompt: "blurry, e2e",
    seed: 31337,
    params: { num_inference_steps: 12 },
  });
  const line = meta.comments!.find((c) => c.keyword === "parameters")?.text;
  expect(line).toContain("Seed: 31337");

  // An Instruct job's WebP carries XMP.
  const instruct = "Generation data: an instruct kite, e2e";
  await studio.chooseModel("Hunyuan Image 3.0 Instruct");
  await studio.prompt.fill(instruct);
  await page.getByLabel("Output format").selectOption("webp");
  await studio.generateButton.click();
  await studio.waitCompleted(instruct);
  const webp = await downloadFromLargeView(page, () =>
    studio.job(instruct).getByRole("button", { name: "Open image 1 large" }).click(),
  );
  expect(webp.name).toMatch(/\.webp$/);
  const xmp = (await sharp(webp.bytes).metadata()).xmp?.toString("utf8") ?? "";
  expect(xmp).toContain("hunyuan-image-3-0-instruct");
  expect(xmp).toContain("an instruct kite");

  // The form now shows Instruct with another prompt; the dropped PNG brings back v3 and its settings.
  await studio.prompt.fill("something else");
  await dropOnComposer(page, png.bytes, png.name, "image/png");
  const dropped = page.getByRole("region", { name: "Dropped file" });
  await expect(dropped).toContainText("Hunyuan Image v3 · seed 31337");
  await dropped.getByRole("button", { name: "Use all parameters" }).click();
  await expect(studio.model).toHaveValue("hunyuan-image");
  await expect(studio.prompt).toHaveValue(prompt);
  await expect(page.getByLabel("Seed")).toHaveValue("31337");
  await expect(page.getByLabel("Negative prompt")).toHaveValue("blurry, e2e");
  await expect(page.getByLabel("Inference steps")).toHaveValue("12");

  // A picture from elsewhere has no such data: the studio says so and changes nothing.
  const plain = await sharp({
    create: { width: 8, height: 8, channels: 3, background: { r: 9, g: 9, b: 9 } },
  })
    .png()
    .toBuffer();
  await dropOnComposer(page, plain, "holiday.png", "image/png");
  await expect(dropped.getByRole("alert")).toContainText("carries no generation data");
  await expect(studio.prompt).toHaveValue(prompt);
});
