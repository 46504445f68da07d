import { encodePng } from './png.js';

/** The accent colour of the app, also the manifest's `accentColor`. */
const ACCENT = { r: 0x1f, g: 0x6f, b: 0x5c };

/** The check mark both icons draw, in units of the icon's side. */
const CHECK: [number, number][] = [
  [0.27, 0.52],
  [0.43, 0.68],
  [0.74, 0.34],
];

/**
 * Teams' colour icon: 192×192, a full-bleed accent square with a white check mark. Teams crops it to
 * its own rounded shape, so the square goes to the edges.
 */
export function colorIcon(): Buffer {
  return draw(192, 0.1, (coverage) => mix(ACCENT, { r: 255, g: 255, b: 255 }, coverage, 255));
}

/**
 * Teams' outline icon: 32×32, white on transparent only (Teams tints it), the same check mark with
 * a ring around it so it reads at small sizes.
 */
export function outlineIcon(): Buffer {
  return draw(32, 0.11, (coverage, ring) => {
    const alpha = Math.round(255 * Math.max(coverage, ring));
    return { r: 255, g: 255, b: 255, a: alpha };
  });
}

type Pixel = { r: number; g: number; b: number; a: number };

function draw(size: number, stroke: number, paint: (check: number, ring: number) => Pixel): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      // Four samples per pixel smooth the edges.
      let check = 0;
      let ring = 0;
      for (const [dx, dy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ] as const) {
        const px = (x + dx) / size;
        const py = (y + dy) / size;
        if (distanceToCheck(px, py) <= stroke / 2) check += 0.25;
        const radius = Math.hypot(px - 0.5, py - 0.5);
        if (radius <= 0.47 && radius >= 0.47 - stroke * 0.7) ring += 0.25;
      }
      const { r, g, b, a } = paint(check, ring);
      rgba.set([r, g, b, a], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, rgba);
}

function mix(
  base: { r: number; g: number; b: number },
  top: { r: number; g: number; b: number },
  t: number,
  a: number,
): Pixel {
  const channel = (from: number, to: number) => Math.round(from + (to - from) * t);
  return { r: channel(base.r, top.r), g: channel(base.g, top.g), b: channel(base.b, top.b), a };
}

function distanceToCheck(x: number, y: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < CHECK.length; i += 1) {
    const [ax, ay] = CHECK[i]!;
    const [bx, by] = CHECK[i + 1]!;
    const t = Math.max(
      0,
      Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
    );
    best = Math.min(best, Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))));
  }
  return best;
}
