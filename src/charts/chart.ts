/** A chart drawn as SVG, with the words a screen reader or a text-only client gives in its place. */
export interface Chart {
  /** A complete SVG document with its width and height in pixels. */
  svg: string;
  /** The chart's figures in words. */
  alt: string;
  width: number;
  height: number;
}

/**
 * Okabe and Ito's palette, told apart by people with every common colour-vision deficiency; each series
 * also differs in fill pattern and is labelled with its figures, so that colour is never the only cue.
 */
export const PALETTE = {
  blue: '#0072B2',
  orange: '#E69F00',
  darkOrange: '#8C5E00',
  green: '#009E73',
  vermillion: '#D55E00',
  darkVermillion: '#7A3500',
  ink: '#1A1A1A',
  muted: '#555555',
  grid: '#D9D9D9',
  paper: '#FFFFFF',
} as const;

/** The font the charts name; render-png.ts loads it from a file, so text never depends on the host. */
export const CHART_FONT = 'Inter';
const FONT_STACK = `${CHART_FONT}, 'DejaVu Sans', Arial, sans-serif`;

export function escapeXml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

export interface TextOptions {
  size?: number;
  weight?: 'bold';
  anchor?: 'start' | 'middle' | 'end';
  fill?: string;
}

export function textAt(x: number, y: number, value: string, options: TextOptions = {}): string {
  const attributes = [
    `x="${x}"`,
    `y="${y}"`,
    `font-size="${options.size ?? 12}"`,
    options.weight ? `font-weight="${options.weight}"` : '',
    options.anchor && options.anchor !== 'start' ? `text-anchor="${options.anchor}"` : '',
    `fill="${options.fill ?? PALETTE.ink}"`,
  ].filter(Boolean);
  return `<text ${attributes.join(' ')}>${escapeXml(value)}</text>`;
}

/** Bars are drawn on whole pixels with crisp edges, so that their length is exactly their figure's. */
export function rect(x: number, y: number, width: number, height: number, fill: string, extra = ''): string {
  return `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}

/** Vertical stripes on whole pixels: a second cue beside colour that survives greyscale printing. */
export function stripes(id: string, base: string, stripe: string): string {
  return `<pattern id="${id}" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="${base}"/><rect width="2" height="5" fill="${stripe}"/></pattern>`;
}

export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${FONT_STACK}" shape-rendering="crispEdges">`,
    `<title>${escapeXml(title)}</title>`,
    rect(0, 0, width, height, PALETTE.paper),
    ...body,
    '</svg>',
  ].join('');
}

/** A round axis maximum at or above `max`, with at most five steps, and the step. */
export function niceScale(max: number): { top: number; step: number } {
  const steps = [1, 2, 5];
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const base of steps) {
      const step = base * magnitude;
      if (Math.ceil(Math.max(max, 1) / step) <= 5)
        return { top: step * Math.ceil(Math.max(max, 1) / step), step };
    }
  }
}
