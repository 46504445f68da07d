import { readFileSync } from 'node:fs';
import { colorIcon, outlineIcon } from './icons.js';
import { type ZipEntry, zip } from './zip.js';

const MANIFEST_TEMPLATE = new URL('./manifest.json', import.meta.url);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AppPackageOptions {
  /** The bot's MicrosoftAppId, also used as the Teams app id. */
  appId: string;
  /** The organisation's page, shown as the app's developer (https). */
  websiteUrl: string;
  /** Pages Teams links to from the app's details: they must exist, so they are never made up. */
  privacyUrl: string;
  termsUrl: string;
}

export interface AppPackage {
  manifest: Record<string, unknown>;
  files: ZipEntry[];
  zip: Buffer;
}

/** The manifest with the bot's id and links filled in, the two icons, and the zip Teams uploads. */
export function buildAppPackage(options: AppPackageOptions): AppPackage {
  if (!GUID.test(options.appId)) {
    throw new Error(
      `"${options.appId}" is not an app id: use the Microsoft App ID of your Azure Bot (a GUID).`,
    );
  }
  const links = {
    '{{WEBSITE_URL}}': httpsUrl('website', options.websiteUrl),
    '{{PRIVACY_URL}}': httpsUrl('privacy', options.privacyUrl),
    '{{TERMS_URL}}': httpsUrl('terms', options.termsUrl),
  };
  let text = readFileSync(MANIFEST_TEMPLATE, 'utf8').replaceAll(
    '{{MICROSOFT_APP_ID}}',
    options.appId.toLowerCase(),
  );
  for (const [placeholder, url] of Object.entries(links)) text = text.replaceAll(placeholder, url);
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const files: ZipEntry[] = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'color.png', data: colorIcon() },
    { name: 'outline.png', data: outlineIcon() },
  ];
  return { manifest, files, zip: zip(files) };
}

/** A link as the manifest wants it: https, without a trailing slash, and safe inside a JSON string. */
function httpsUrl(what: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`The ${what} URL "${value}" is not a URL.`);
  }
  if (url.protocol !== 'https:') throw new Error(`The ${what} URL must start with https://.`);
  return url.href.replace(/\/$/, '');
}
