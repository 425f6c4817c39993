import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { makeThumbnail, THUMBNAIL_SIZE, thumbnailKey } from "./thumbnail";

describe("makeThumbnail", () => {
  it("fits a large image inside the thumbnail square as WebP, keeping its shape", async () => {
    const image = await sharp({
      create: { width: 2048, height: 1024, channels: 3, background: "#38c" },
    })
      .png()
      .toBuffer();
    const meta = await sharp(await makeThumbnail(image)).metadata();
    expect(meta.format).toBe("webp");
    expect([meta.width, meta.height]).toEqual([THUMBNAIL_SIZE, THUMBNAIL_SIZE / 2]);
  });

  it("throws on bytes that are not an image", async () => {
    await expect(makeThumbnail(new TextEncoder().encode("not an image"))).rejects.toThrow();
  });
});

describe("thumbnailKey", () => {
  it("names outputs' and viewer captures' thumbnails apart", () => {
    expect(thumbnailKey.output("job", 2)).toBe("thumbs/job/2.webp");
    expect(thumbnailKey.model("out")).toBe("thumbs/out-model.webp");
  });
});
