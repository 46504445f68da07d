import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's chromium, headless, with a fresh profile and nothing that reaches out to the network. */
async function chromium(args: string[]): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'ft-chromium-'));
  try {
    await run(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { timeout: 90_000 },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** What a person sees of the page's top in a window of that size, as PNG. */
export function screenshot(htmlFile: string, pngFile: string, size: { width: number; height: number }) {
  return chromium([
    `--window-size=${size.width},${size.height}`,
    `--screenshot=${pngFile}`,
    `file://${htmlFile}`,
  ]);
}

/** The page printed as a PDF, as the browser's Print would, with the page's own @page size. */
export function printToPdf(htmlFile: string, pdfFile: string) {
  return chromium(['--no-pdf-header-footer', `--print-to-pdf=${pdfFile}`, `file://${htmlFile}`]);
}
