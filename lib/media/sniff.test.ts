import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { FORMATS } from "./formats";
import { describeType, sniff } from "./sniff";

const pixel = (format: "png" | "jpeg" | "webp" | "gif") =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: "#c33" } })
    .toFormat(format)
    .toBuffer();

describe("sniff", () => {
  it("tells the studio's image formats by their bytes", async () => {
    expect(await sniff(await pixel("png"))).toBe(FORMATS.png);
    expect(await sniff(await pixel("jpeg"))).toBe(FORMATS.jpeg);
    expect(await sniff(await pixel("webp"))).toBe(FORMATS.webp);
  });

  it("tells a GLB by its header", async () => {
    const glb = new Uint8Array(20);
    glb.set([0x67, 0x6c, 0x54, 0x46, 2]);
    expect(await sniff(glb)).toBe(FORMATS.glb);
    glb[4] = 1;
    expect(await sniff(glb)).toBeNull();
  });

  it("refuses what it does not keep, and says what it looks like", async () => {
    const gif = await pixel("gif");
    expect(await sniff(gif)).toBeNull();
    expect(await describeType(gif)).toBe("image/gif");
    const text = new TextEncoder().encode("just some text\n".repeat(20));
    expect(await sniff(text)).toBeNull();
    expect(await describeType(text)).toBe("unknown or text");
  });
});
