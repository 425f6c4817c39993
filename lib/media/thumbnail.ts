import "server-only";
// The one way the studio makes the small pictures the gallery shows, from a stored image or
// from the viewer's capture of a mesh: at most 512 px a side, WebP.
import { openImage } from "@/lib/media/decode";
import { FORMATS } from "./formats";
import { writeMedia } from "./store";

export const THUMBNAIL_SIZE = 512;
export const THUMBNAIL_QUALITY = 82;

export const thumbnailKey = {
  /** The thumbnail of a gateway image output. */
  output: (jobId: string, index: number) => `thumbs/${jobId}/${index}.${FORMATS.webp.ext}`,
  /** The viewer's picture of a mesh output, shown instead of its input image. */
  model: (outputId: string) => `thumbs/${outputId}-model.${FORMATS.webp.ext}`,
};

/** Throws when `image` cannot be decoded. */
export function makeThumbnail(image: Uint8Array): Promise<Buffer> {
  return openImage(image)
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside" })
    .webp({ quality: THUMBNAIL_QUALITY })
    .toBuffer();
}

/** Stores the thumbnail of a viewer capture and answers its media key. */
export async function writeModelThumbnail(outputId: string, capture: Uint8Array): Promise<string> {
  const key = thumbnailKey.model(outputId);
  await writeMedia(key, await makeThumbnail(capture));
  return key;
}
