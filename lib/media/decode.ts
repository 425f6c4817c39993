// The one way the studio opens an image it did not make: sharp with a cap on decoded pixels,
// so a small file that claims a huge canvas (a decompression bomb) is refused before it is
// decoded. 64 megapixels is well above anything Hunyuan makes or needs as input.
import sharp, { type SharpOptions } from "sharp";

export const MAX_INPUT_PIXELS = 64_000_000;

export function openImage(bytes: Uint8Array | Buffer, options: SharpOptions = {}) {
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, ...options });
}
