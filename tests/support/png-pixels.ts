import { PNG } from 'pngjs';

export interface Pixels {
  width: number;
  height: number;
  at(x: number, y: number): [number, number, number];
}

/** A PNG decoded to RGB pixels, as any image viewer would read it. */
export function decodePng(bytes: Buffer): Pixels {
  const png = PNG.sync.read(bytes);
  return {
    width: png.width,
    height: png.height,
    at: (x, y) => {
      const i = (png.width * y + x) * 4;
      return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    },
  };
}

/** Whether a pixel is within `tolerance` of a `#RRGGBB` colour on every channel. */
export function near(hex: string, tolerance = 24): (rgb: [number, number, number]) => boolean {
  const target = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return (rgb) => rgb.every((value, i) => Math.abs(value - target[i]!) <= tolerance);
}

export function anyOf(...tests: ((rgb: [number, number, number]) => boolean)[]) {
  return (rgb: [number, number, number]) => tests.some((test) => test(rgb));
}

/** Pixels of a bar standing on `baseline`: counted upwards from the row above it, in column `x`. */
export function heightAt(
  pixels: Pixels,
  x: number,
  baseline: number,
  isBar: (rgb: [number, number, number]) => boolean,
): number {
  let height = 0;
  while (baseline - 1 - height >= 0 && isBar(pixels.at(x, baseline - 1 - height))) height += 1;
  return height;
}

/** Pixels of a bar starting at `left`: counted rightwards in row `y`. */
export function widthAt(
  pixels: Pixels,
  left: number,
  y: number,
  isBar: (rgb: [number, number, number]) => boolean,
): number {
  let width = 0;
  while (left + width < pixels.width && isBar(pixels.at(left + width, y))) width += 1;
  return width;
}

/** How many pixels in the box are dark: text that rendered, or nothing where no font was found. */
export function darkPixels(
  pixels: Pixels,
  box: { x: number; y: number; width: number; height: number },
): number {
  let dark = 0;
  for (let y = box.y; y < box.y + box.height; y += 1) {
    for (let x = box.x; x < box.x + box.width; x += 1) {
      if (pixels.at(x, y).every((value) => value < 100)) dark += 1;
    }
  }
  return dark;
}
