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
}
