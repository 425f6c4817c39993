import { readFile } from "node:fs/promises";
import { test, expect } from "./fixtures";

function pngSize(bytes: Buffer) {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("a prompt on Hunyuan Image v3 becomes images the designer can open, download and keep", async ({
  studio,
  page,
}) => {
  const prompt = "A lighthouse on a cliff at dusk, e2e v3";
  await studio.open();
  await expect(page.getByRole("status").filter({ hasText: "Sandbox mode" })).toBeVisible();
  await studio.chooseModel("Hunyuan Image v3");
  await studio.prompt.fill(prompt);
  await page.getByLabel("Image size").selectOption("landscape_16_9");
  await page.getByLabel("Number of images").fill("2");
  await page.getByLabel("Seed").fill("1234");
  await studio.generateButton.click();

  const job = studio.job(prompt);
  await expect(job).toBeVisible();
  // The card walks through the gateway's states while the elapsed time runs.
  await expect(job.getByText(/Queued|Processing/)).toBeVisible();
  await studio.waitCompleted(prompt, 2);
  await expect(job).toContainText("seed 1234");

  // The large view shows every parameter, the seed, the dimensions and the size.
  await job.getByRole("button", { name: "Open image 1 large" }).click();
  const dialog = page.getByRole("dialog", { name: "Image details" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("1024 × 576 px");
  await expect(dialog).toContainText("landscape_16_9");
  await expect(dialog).toContainText("1234");
  await expect(dialog).toContainText("Inference steps");
  await expect(dialog).toContainText("image/png");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("link", { name: "Download" }).click(),
  ]);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  expect(pngSize(bytes)).toEqual({ width: 1024, height: 576 });
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  await page.keyboard.press("Escape");

  // Still there after a reload.
  await page.reload();
  await expect(studio.job(prompt).getByRole("img", { name: prompt })).toHaveCount(2);
  await expect(studio.job(prompt).getByText("Completed")).toBeVisible();
});

test("Hunyuan Image 3.0 Instruct makes WebP images at the chosen size", async ({
  studio,
  page,
}) => {
  const prompt = "Watercolour Japanese garden in autumn, e2e instruct";
  await studio.open();
  await studio.chooseModel("Hunyuan Image 3.0 Instruct");
  await studio.prompt.fill(prompt);
  await page.getByLabel("Image size").selectOption("768x1344");
  await page.getByLabel("Output format").selectOption("webp");
  await studio.generateButton.click();
  const job = await studio.waitCompleted(prompt, 1);
  await expect(job).toContainText("Hunyuan Image 3.0 Instruct");
  const href = await job.getByRole("link", { name: "Download" }).getAttribute("href");
  const res = await page.request.get(href!);
  const body = await res.body();
  expect(body.subarray(0, 4).toString()).toBe("RIFF");
  expect(body.subarray(8, 12).toString()).toBe("WEBP");
});

test("bad input is refused before anything is sent, naming the field", async ({ studio, page }) => {
  await studio.open();
  const before = await studio.jobs().count();
  const alert = page.getByRole("alert").filter({ hasText: /./ }).first();

  await studio.prompt.fill("");
  await studio.generateButton.click();
  await expect(alert).toContainText("Prompt is required");

  await studio.prompt.fill("five images please");
  await page.getByLabel("Number of images").fill("5");
  await studio.generateButton.click();
  await expect(alert).toContainText("Number of images must be a whole number from 1 to 4");
  await page.getByLabel("Number of images").fill("1");

  await page.getByLabel("Guidance scale").fill("abc");
  await studio.generateButton.click();
  await expect(alert).toContainText("Guidance scale must be a number");
  await page.getByLabel("Guidance scale").fill("7.5");

  await studio.prompt.fill("x".repeat(100_000));
  await studio.generateButton.click();
  await expect(alert).toContainText("Prompt is too long");

  // Nothing was stored: the gallery did not grow, even after a reload.
  await page.reload();
  await expect(studio.jobs()).toHaveCount(before);
});

test("a gateway refusal marks the job failed with the gateway's message and keeps it", async ({
  studio,
  page,
}) => {
  const prompt = "Poster of a rocket [sandbox:fail=402]";
  await studio.open();
  await studio.chooseModel("Hunyuan Image v3");
  await studio.generate(prompt);
  const job = studio.job(prompt);
  await expect(job.getByText("Failed")).toBeVisible();
  await expect(job.getByRole("alert")).toContainText("Your Pixazo balance is too low");
  await expect(job.getByRole("alert")).toContainText("Top up");
  await page.reload();
  await expect(studio.job(prompt).getByRole("alert")).toContainText("balance is too low");
  await expect(studio.job(prompt).getByRole("button", { name: "Retry" })).toBeVisible();
});

test("a job the model fails shows the gateway's error; a system error says it was not charged", async ({
  studio,
}) => {
  await studio.open();
  await studio.generate("Broken dream [sandbox:fail=error]");
  const job = studio.job("Broken dream");
  await expect(job.getByText("Error", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(job.getByRole("alert")).toContainText("not charged");
});

test("the gallery endpoint answers 304 while nothing changed", async ({ page }) => {
  await page.goto("/");
  const first = await page.request.get("/api/jobs");
  const etag = first.headers()["etag"];
  expect(etag).toBeTruthy();
  const again = await page.request.get("/api/jobs", { headers: { "if-none-match": etag } });
  expect(again.status()).toBe(304);
});

test("an output whose link has expired is shown as an error on that job; the job keeps its record", async ({
  studio,
}) => {
  const prompt = "Expired link [sandbox:media=404]";
  await studio.open();
  await studio.generate(prompt);
  const job = studio.job(prompt);
  await expect(job.getByText("Completed")).toBeVisible({ timeout: 60_000 });
  await expect(job.getByRole("alert")).toContainText("gone or expired", { timeout: 60_000 });
});

test("sync mode: images that arrive inline as data URIs are stored like any other", async ({
  studio,
  page,
}) => {
  const prompt = "Inline delivery, e2e sync";
  await studio.open();
  await studio.chooseModel("Hunyuan Image v3");
  await studio.prompt.fill(prompt);
  await page.getByRole("switch", { name: "Sync mode" }).check();
  await page.getByLabel("Output format").selectOption("jpeg");
  await studio.generateButton.click();
  const job = await studio.waitCompleted(prompt, 1);
  const href = await job.getByRole("link", { name: "Download" }).getAttribute("href");
  const body = await (await page.request.get(href!)).body();
  expect(body[0]).toBe(0xff);
  expect(body[1]).toBe(0xd8);
});
