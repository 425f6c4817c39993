import { describe, expect, it } from "vitest";
import { FORMATS, formatOfMime, formatOfName, mimeOfName } from "./formats";

describe("formats", () => {
  it("finds a format by the end of a key or file name, in any case", () => {
    expect(formatOfName("outputs/abc/0.png")).toBe(FORMATS.png);
    expect(formatOfName("photo.JPEG")).toBe(FORMATS.jpeg);
    expect(formatOfName("photo.jpg")).toBe(FORMATS.jpeg);
    expect(formatOfName("exports/x/model.zip")).toBe(FORMATS.zip);
    expect(formatOfName("notes.txt")).toBeUndefined();
  });

  it("serves unknown names as bytes", () => {
    expect(mimeOfName("previews/j/0.glb")).toBe("model/gltf-binary");
    expect(mimeOfName("exports/x/model.stl")).toBe("model/stl");
    expect(mimeOfName("thumbs/j/0.webp")).toBe("image/webp");
    expect(mimeOfName("x.exe")).toBe("application/octet-stream");
  });

  it("finds a format by its MIME type", () => {
    expect(formatOfMime("image/jpeg")?.ext).toBe("jpg");
    expect(formatOfMime("image/gif")).toBeUndefined();
  });
});
