import { expect, type Locator, type Page } from "@playwright/test";

export class StudioPage {
  readonly gallery: Locator;
  readonly prompt: Locator;
  readonly generateButton: Locator;
  readonly model: Locator;

  constructor(readonly page: Page) {
    this.gallery = page.getByRole("region", { name: "Gallery" });
    this.prompt = page.getByRole("textbox", { name: "Prompt", exact: true });
    this.generateButton = page.getByRole("button", { name: "Generate" });
    this.model = page.getByLabel("Model", { exact: true });
  }

  async open() {
    await this.page.goto("/");
    await expect(this.generateButton).toBeVisible();
  }

  async chooseModel(label: "Hunyuan Image v3" | "Hunyuan Image 3.0 Instruct" | "Hunyuan3D 3.0") {
    await this.model.selectOption({ label });
  }

  job(prompt: string): Locator {
    return this.gallery.getByRole("article").filter({ hasText: prompt });
  }

  jobs(): Locator {
    return this.gallery.getByRole("article");
  }

  async generate(prompt: string) {
    await this.prompt.fill(prompt);
    await this.generateButton.click();
  }

  /** Waits for the job to complete and for all its images to be saved. */
  async waitCompleted(prompt: string, images = 1) {
    const job = this.job(prompt);
    await expect(job.getByText("Completed")).toBeVisible({ timeout: 60_000 });
    await expect(job.getByRole("img", { name: prompt })).toHaveCount(images, { timeout: 60_000 });
    return job;
  }

  // The gallery's view, held in the URL (search, filters, boards) and its bulk actions.

  get search(): Locator {
    return this.gallery.getByRole("searchbox", { name: "Search", exact: true });
  }

  /** A button of the "Show" group: All, Images, 3D, Favourites, Failed. */
  show(name: "All" | "Images" | "3D" | "Favourites" | "Failed"): Locator {
    return this.gallery
      .getByRole("group", { name: "Show" })
      .getByRole("button", { name, exact: true });
  }

  get boardPicker(): Locator {
    return this.gallery.getByRole("combobox", { name: "Board", exact: true });
  }

  get selectToggle(): Locator {
    return this.gallery.getByRole("button", { name: "Select", exact: true });
  }

  get selectionBar(): Locator {
    return this.gallery.getByRole("region", { name: "Selected jobs" });
  }

  get queueButton(): Locator {
    return this.page.getByRole("button", { name: /^Queue\b/ });
  }

  get queuePanel(): Locator {
    return this.page.getByRole("region", { name: "Queue", exact: true });
  }

  /** Searches and waits until the URL holds the search (the box waits for typing to pause). */
  async searchFor(text: string) {
    await this.search.fill(text);
    await expect(this.page).toHaveURL((url) => (url.searchParams.get("q") ?? "") === text.trim());
  }

  /** In selection mode: clicks a job's card, with Shift for a range. */
  async toggleJob(prompt: string, opts: { range?: boolean } = {}) {
    await this.job(prompt)
      .getByRole("checkbox", { name: /^Select / })
      .click({ modifiers: opts.range ? ["Shift"] : [] });
  }
}
