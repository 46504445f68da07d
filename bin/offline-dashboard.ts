import type { Express } from 'express';

type RenderCallback = (error: Error | null, html?: string) => void;
type Engine = (path: string, options: object, callback: RenderCallback) => void;

/** A stylesheet from another host, such as the Google Fonts link of Bull Board's page. */
const OUTSIDE_STYLESHEET = /<link\b[^>]*\bhref="(?:https?:)?\/\/[^"]*"[^>]*>\s*/g;

/**
 * Bull Board draws its page with a typeface from Google Fonts; government networks often block such
 * requests, and an operator's page should make none. Its page is drawn without that link, in the
 * browser's own fonts; every other asset it uses is served by the dashboard itself.
 */
export function withoutOutsideRequests(board: Express): void {
  const engines = (board as unknown as { engines: Record<string, Engine | undefined> }).engines;
  const render = engines['.ejs'];
  if (!render) throw new Error('Bull Board no longer renders its page with ejs: check its fonts again');
  board.engine('ejs', (path, options, callback) =>
    render(path, options, (error, html) => callback(error, html?.replace(OUTSIDE_STYLESHEET, ''))),
  );
}
