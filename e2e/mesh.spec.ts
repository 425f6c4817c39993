import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { test, expect } from "./fixtures";

/** Names of the files in a zip, from its central directory. */
function zipNames(zip: Buffer): string[] {
  const names: string[] = [];
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) !== 0x06054b50) continue;
    let p = zip.readUInt32LE(i + 16);
    const count = zip.readUInt16LE(i + 10);
    for (let n = 0; n < count; n++) {
      const nameLen = zip.readUInt16LE(p + 28);
      const extra = zip.readUInt16LE(p + 30);
      const comment = zip.readUInt16LE(p + 32);
      names.push(zip.subarray(p + 46, p + 46 + nameLen).toString());
      p += 46 + nameLen + extra + comment;
    }
    break;
  }
  return names;
}

/** Non-background pixels of a screenshot, as a share of the canvas. */
async function busyShare(page: import("@playwright/test").Page, png: Buffer) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const bg = [d[0], d[1], d[2]];
    let busy = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 30)
        busy++;
    }
    return busy / (d.length / 4);
  }, png.toString("base64"));
}

test("prompt → image → Make 3D → a textured mesh in the viewer → GLB, OBJ zip and STL", async ({
  studio,
  page,
}) => {
  test.setTimeout(240_000);
  const prompt = "A ceramic vase with blue glaze, e2e mesh";
  await studio.open();
  await studio.generate(prompt);
  const imageJob = await studio.waitCompleted(prompt, 1);

  await imageJob.getByRole("button", { name: "Make 3D" }).click();
  await expect(studio.model).toHaveValue("hunyuan3d-3-0-api-294");
  await expect(page.getByRole("img", { name: /Input image/ })).toBeVisible();
  const faces = page.getByLabel("Face count", { exact: true });
  await faces.fill("50000");
  await studio.prompt.fill("blue vase 3d");
  await studio.generateButton.click();

  const meshJob = studio.job("blue vase 3d");
  await expect(meshJob.getByText("Completed")).toBeVisible({ timeout: 90_000 });
  await meshJob.getByRole("button", { name: "View 3D" }).click({ timeout: 60_000 });

  const viewer = page.getByRole("region", { name: "3D viewer" });
  await expect(viewer).toBeVisible();
  await expect(viewer).toContainText(/Triangles/i);
  await expect(viewer.getByText(/50,000|49,9\d\d/).first()).toBeVisible({ timeout: 60_000 });
  const canvas = viewer.locator("canvas");
  await page.waitForTimeout(1500);
  const textured = await canvas.screenshot();
  expect(await busyShare(page, textured)).toBeGreaterThan(0.03);

  await viewer.getByRole("button", { name: "Wireframe" }).click();
  await page.waitForTimeout(800);
  const wire = await canvas.screenshot();
  expect(wire.equals(textured)).toBe(false);

  const get = async (name: string) => {
    const href = await viewer.getByRole("link", { name }).getAttribute("href");
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    return res.body();
  };
  const glb = await get("Download GLB");
  expect(glb.subarray(0, 4).toString()).toBe("glTF");
  // The GLB carries what made it in asset.extras.
  const json = JSON.parse(glb.subarray(20, 20 + glb.readUInt32LE(12)).toString("utf8"));
  expect(json.asset.extras["hunyuan-studio"]).toMatchObject({
    model: "hunyuan3d-3-0-api-294",
    params: { face_count: expect.any(Number) },
  });
  const obj = await get("Download OBJ");
  const names = zipNames(obj);
  expect(names.some((n) => n.endsWith(".obj"))).toBe(true);
  expect(names.some((n) => n.endsWith(".mtl"))).toBe(true);
  expect(names.some((n) => /\.(png|jpg|jpeg)$/.test(n))).toBe(true);
  const stl = await get("Download STL");
  const triangles = stl.readUInt32LE(80);
  expect(stl.length).toBe(84 + 50 * triangles);
  expect(Math.abs(triangles - 50_000) / 50_000).toBeLessThan(0.02);

  // The first render gave the gallery a picture of the model itself.
  await page.keyboard.press("Escape");
  await expect(meshJob.getByRole("img").first()).toHaveAttribute("src", /-model\.webp/);
});

test("an uploaded image becomes a 3D job; bad uploads and face counts are refused", async ({
  studio,
  page,
}) => {
  test.setTimeout(180_000);
  await studio.open();
  await studio.chooseModel("Hunyuan3D 3.0");
  const before = await studio.jobs().count();
  const input = page.getByLabel("Input image");

  // A text file named .png is refused by its bytes.
  await input.setInputFiles({
    name: "notes.png",
    mimeType: "image/png",
    buffer: Buffer.from("just some text, not a picture\n".repeat(20)),
  });
  await expect(page.getByRole("alert").first()).toContainText("is not a PNG, JPEG or WebP image");

  // A 40 MB file is refused before it is sent.
  await input.setInputFiles({
    name: "huge.png",
    mimeType: "image/png",
    buffer: Buffer.alloc(40 * 1024 * 1024, 1),
  });
  await expect(page.getByRole("alert").first()).toContainText("20 MB");

  // A real image is accepted.
  const png = await readFile("e2e/fixtures/input.png");
  await input.setInputFiles({ name: "cat.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("img", { name: "Input image: cat.png" })).toBeVisible();

  for (const bad of ["0", "-5", "3.5", "10000000"]) {
    await page.getByLabel("Face count", { exact: true }).fill(bad);
    await studio.generateButton.click();
    await expect(page.getByRole("alert").first()).toContainText(
      "Face count must be a whole number",
    );
  }
  await page.reload();
  await expect(studio.jobs()).toHaveCount(before);

  await studio.chooseModel("Hunyuan3D 3.0");
  await page
    .getByLabel("Input image")
    .setInputFiles({ name: "cat.png", mimeType: "image/png", buffer: png });
  await page.getByLabel("Face count", { exact: true }).fill("40000");
  await studio.prompt.fill("uploaded cat e2e");
  await studio.generateButton.click();
  await expect(studio.job("uploaded cat e2e").getByText("Completed")).toBeVisible({
    timeout: 90_000,
  });
});

test("Make 3D on a gallery image whose file was deleted is refused, and nothing is stored", async ({
  studio,
  page,
}) => {
  const prompt = "An image that will lose its file, e2e";
  await studio.open();
  await studio.generate(prompt);
  const job = await studio.waitCompleted(prompt, 1);
  const src = await job.getByRole("img", { name: prompt }).getAttribute("src");
  const jobId = /thumbs\/([0-9a-f-]{36})\//.exec(src!)![1];
  const dir = path.join(".e2e-data", "media", "outputs", jobId);
  for (const f of await readdir(dir)) await rm(path.join(dir, f));
  const before = await studio.jobs().count();

  await job.getByRole("button", { name: "Make 3D" }).click();
  await studio.generateButton.click();
  await expect(page.getByRole("alert").filter({ hasText: /./ }).first()).toContainText(
    "file is missing",
  );
  await page.reload();
  await expect(studio.jobs()).toHaveCount(before);
});

test("a mesh that fails to parse shows an error in the viewer and keeps the download", async ({
  studio,
  page,
}) => {
  test.setTimeout(180_000);
  await studio.open();
  await studio.chooseModel("Hunyuan3D 3.0");
  await page.getByLabel("Input image").setInputFiles("e2e/fixtures/input.png");
  await page.getByLabel("Face count", { exact: true }).fill("40000");
  await studio.prompt.fill("broken mesh [sandbox:mesh=corrupt]");
  await studio.generateButton.click();
  const job = studio.job("broken mesh");
  await expect(job.getByText("Completed")).toBeVisible({ timeout: 90_000 });
  await job.getByRole("button", { name: "View 3D" }).click({ timeout: 60_000 });
  const viewer = page.getByRole("region", { name: "3D viewer" });
  await expect(viewer.getByRole("alert")).toContainText("could not be opened");
  const href = await viewer.getByRole("link", { name: "Download GLB" }).getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect((await res.body()).subarray(0, 4).toString()).toBe("glTF");
});
