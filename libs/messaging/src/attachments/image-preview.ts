import sharp from 'sharp';

export interface Preview {
  bytes: Buffer;
  ext: 'png' | 'jpg';
  contentType: string;
  width: number;
  height: number;
}

export const PREVIEW_MAX_SIZE = 320;
/** Decompression-bomb guard: sharp refuses images with more pixels than this. */
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * A preview that fits in 320×320, made at upload time with sharp (libvips): uploads are rare
 * compared to views, and a preview made once costs nothing per view. PNG for images with an alpha
 * channel (and GIFs), JPEG otherwise. Returns null when the bytes are not a decodable image.
 */
export async function makePreview(bytes: Buffer): Promise<{ preview: Preview; width: number; height: number } | null> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const meta = await image.metadata();
    if (!meta.width || !meta.height) return null;
    const transparent = meta.hasAlpha === true || meta.format === 'gif';
    const resized = image
      .rotate()
      .resize({ width: PREVIEW_MAX_SIZE, height: PREVIEW_MAX_SIZE, fit: 'inside', withoutEnlargement: true });
    const { data, info } = await (transparent ? resized.png() : resized.jpeg({ quality: 80 })).toBuffer({
      resolveWithObject: true,
    });
    return {
      preview: {
        bytes: data,
        ext: transparent ? 'png' : 'jpg',
        contentType: transparent ? 'image/png' : 'image/jpeg',
        width: info.width,
        height: info.height,
      },
      width: meta.width,
      height: meta.height,
    };
  } catch {
    return null;
  }
}
