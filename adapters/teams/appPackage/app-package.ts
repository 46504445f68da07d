import { readFileSync } from 'node:fs';
import { colorIcon, outlineIcon } from './icons.js';
import { type ZipEntry, zip } from './zip.js';

const MANIFEST_TEMPLATE = new URL('./manifest.json', import.meta.url);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AppPackageOptions {
  /** The bot's MicrosoftAppId, also used as the Teams app id. */
  appId: string;
  /** Where the developer, privacy and terms links point (https): the organisation's, never a made-up one. */
  websiteUrl: string;
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
  const website = options.websiteUrl.replace(/\/$/, '');
  if (!website.startsWith('https://')) throw new Error('The website URL must start with https://.');
  const text = readFileSync(MANIFEST_TEMPLATE, 'utf8')
    .replaceAll('{{MICROSOFT_APP_ID}}', options.appId.toLowerCase())
    .replaceAll('{{WEBSITE_URL}}', website);
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const files: ZipEntry[] = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'color.png', data: colorIcon() },
    { name: 'outline.png', data: outlineIcon() },
  ];
  return { manifest, files, zip: zip(files) };
}
