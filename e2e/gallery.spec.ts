import { test, expect } from "./fixtures";

test("curate the gallery: favorite, filter, search, remove with undo, and reuse settings", async ({
  studio,
  page,
}) => {
  await studio.open();
  const a = "Curate: misty pine forest";
  const b = "Curate: copper teapot still life";
  await studio.chooseModel("Hunyuan Image v3");
  await studio.prompt.fill(b);
  await page.getByLabel("Seed").fill("777");
  await page.getByLabel("Guidance scale").fill("9");
  await studio.generateButton.click();
  await studio.waitCompleted(b);
  await page.getByLabel("Seed").fill("");
  await page.getByLabel("Guidance scale").fill("7.5");
  // Ctrl+Enter sends the form too.
  await studio.prompt.fill(a);
  await studio.prompt.press("Control+Enter");
  await studio.waitCompleted(a);

  await studio.job(a).getByRole("button", { name: "Favourite" }).click();
  await expect(studio.job(a).getByRole("button", { name: "Favourite" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await studio.gallery.getByRole("button", { name: "Favourites" }).click();
  await expect(studio.job(a)).toBeVisible();
  await expect(studio.job(b)).toHaveCount(0);
  await page.reload();
  await expect(studio.job(a).getByRole("button", { name: "Favourite" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  // The filter is held in the URL, so it survived the reload; turn it off to search everything.
  await studio.gallery.getByRole("button", { name: "Favourites" }).click();

  await studio.gallery.getByRole("searchbox", { name: "Search", exact: true }).fill("teapot");
  await expect(studio.job(b)).toBeVisible();
  await expect(studio.job(a)).toHaveCount(0);
  await studio.gallery.getByRole("searchbox", { name: "Search", exact: true }).fill("");

  await studio.job(b).getByRole("button", { name: "Remove" }).click();
  await expect(studio.job(b)).toHaveCount(0);
  await page.getByRole("status").getByRole("button", { name: "Undo" }).click();
  await expect(studio.job(b)).toBeVisible();

  await studio.job(b).getByRole("button", { name: "Reuse settings" }).click();
  await expect(studio.prompt).toHaveValue(b);
  await expect(page.getByLabel("Seed")).toHaveValue("777");
  await expect(page.getByLabel("Guidance scale")).toHaveValue("9");

  await studio.job(b).getByRole("button", { name: "Remove" }).click();
  await expect(studio.job(b)).toHaveCount(0);
  await page.reload();
  await expect(studio.job(b)).toHaveCount(0);
  await expect(studio.job(a)).toBeVisible();
});
