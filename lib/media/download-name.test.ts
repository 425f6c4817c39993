import { describe, expect, it } from "vitest";
import { attachment, downloadName, fileStem } from "./download-name";

describe("fileStem", () => {
  it("keeps letters, digits, dashes and underscores, and joins words with dashes", () => {
    expect(fileStem("a cat, on a mat!")).toBe("a-cat-on-a-mat");
    expect(fileStem("  low_poly   chair-2 ")).toBe("low_poly-chair-2");
  });

  it("keeps accented letters without their accents", () => {
    expect(fileStem("Café crème")).toBe("Cafe-creme");
  });

  it("is at most 60 characters and never ends in a dash", () => {
    expect(fileStem("x".repeat(200))).toBe("x".repeat(60));
    expect(fileStem(`${"y".repeat(59)} z`)).toBe("y".repeat(59));
  });

  it("falls back when nothing readable is left", () => {
    expect(fileStem("✨✨")).toBe("hunyuan");
    expect(fileStem(null, "model")).toBe("model");
    expect(fileStem("", "mesh")).toBe("mesh");
  });

  it("is unchanged by a second pass, so client and server may both apply it", () => {
    for (const s of ["a cat, on a mat!", "Café crème", `${"y".repeat(59)} z`, "a  b  "]) {
      expect(fileStem(fileStem(s))).toBe(fileStem(s));
    }
  });
});

describe("downloadName", () => {
  it("puts a suffix before the extension", () => {
    expect(downloadName("a cat", "glb", { suffix: "-50000-faces" })).toBe("a-cat-50000-faces.glb");
    expect(downloadName(undefined, "obj.zip", { fallback: "model" })).toBe("model.obj.zip");
  });

  it("makes a header value that cannot break out of its quotes", () => {
    const name = downloadName('evil".png\r\nx-bad: 1', "png");
    expect(attachment(name)).toBe('attachment; filename="evilpngx-bad-1.png"');
  });
});
