import { inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRACK_COMMAND_ID } from '../../adapters/teams/message-extension.js';
import { toSubcommand } from '../../src/commands/usage.js';
import { buildAppPackage } from '../../tools/teams-app-package/app-package.js';
import { crc32 } from '../../tools/teams-app-package/crc32.js';
import { packageOptions } from '../../tools/teams-app-package/package-options.js';

const APP_ID = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const LINKS = {
  websiteUrl: 'https://tracker.example.gov/',
  privacyUrl: 'https://tracker.example.gov/legal/privacy-notice',
  termsUrl: 'https://tracker.example.gov/legal/terms',
};
const built = buildAppPackage({ appId: APP_ID, ...LINKS });
// biome-ignore lint/suspicious/noExplicitAny: the manifest is walked as JSON
const manifest = built.manifest as any;

/** Reads a PNG back: size and RGBA pixels (the encoder writes filter type 0 on every row). */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

/** Reads the zip back through its central directory. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const crc = archive.readUInt32LE(at + 16);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const offset = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const localNameLength = archive.readUInt16LE(offset + 26);
    const start = offset + 30 + localNameLength + archive.readUInt16LE(offset + 28);
    const data = inflateRawSync(archive.subarray(start, start + size));
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength;
  }
  return files;
}

describe('the Teams app package', () => {
  it('names the bot by its app id, in teams, group chats and personal chats', () => {
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots).toEqual([
      expect.objectContaining({ botId: APP_ID, scopes: ['team', 'groupChat', 'personal'] }),
    ]);
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('links the developer, privacy and terms pages it was given, never ones made up under the website', () => {
    expect(manifest.developer).toMatchObject({
      websiteUrl: 'https://tracker.example.gov',
      privacyUrl: 'https://tracker.example.gov/legal/privacy-notice',
      termsOfUseUrl: 'https://tracker.example.gov/legal/terms',
    });
  });

  it('lists real subcommands, within Teams’ limits of 10 commands, 32-character titles and 128-character descriptions', () => {
    for (const list of manifest.bots[0].commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) {
        expect(toSubcommand(command.title.split(' ')[0])).toBeDefined();
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
  });

  it('offers Track as commitment on messages, opening the bot’s form', () => {
    expect(manifest.composeExtensions[0]).toMatchObject({
      botId: APP_ID,
      commands: [{ id: TRACK_COMMAND_ID, type: 'action', context: ['message'], fetchTask: true }],
    });
  });

  it('has a 192×192 colour icon and a 32×32 outline icon of white on transparent', () => {
    const files = unzip(built.zip);
    const color = decodePng(files.get('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(files.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const alphas = new Set<number>();
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      alphas.add(a!);
      if (a! > 0) expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(alphas.has(0) && alphas.has(255)).toBe(true);
  });

  it('zips manifest.json and both icons at the root of the archive', () => {
    const files = unzip(built.zip);
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    expect(JSON.parse(files.get('manifest.json')!.toString('utf8'))).toEqual(manifest);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => buildAppPackage({ appId: 'my-bot', ...LINKS })).toThrow(/GUID/);
  });

  it('refuses a link that is not https', () => {
    expect(() =>
      buildAppPackage({ appId: APP_ID, ...LINKS, termsUrl: 'http://tracker.example.gov/terms' }),
    ).toThrow(/terms URL must start with https/);
  });
});

describe('npm run teams:package options', () => {
  const WEBSITE = [
    '--website',
    'https://tracker.example.gov',
    '--privacy-url',
    'https://tracker.example.gov/privacy-notice',
    '--terms-url',
    'https://tracker.example.gov/terms-of-use',
  ];

  it('takes MicrosoftAppId from the environment without --app-id, even with no app password set', () => {
    expect(packageOptions(WEBSITE, { MicrosoftAppId: ` ${APP_ID} ` })).toEqual({
      appId: APP_ID,
      websiteUrl: 'https://tracker.example.gov',
      privacyUrl: 'https://tracker.example.gov/privacy-notice',
      termsUrl: 'https://tracker.example.gov/terms-of-use',
      outDir: 'teams-app',
    });
  });

  it('writes where --out says', () => {
    expect(packageOptions([...WEBSITE, '--out', '/srv/teams'], { MicrosoftAppId: APP_ID }).outDir).toBe(
      '/srv/teams',
    );
  });

  it('prefers --app-id to the environment', () => {
    const other = '11111111-2222-4333-8444-555555555555';
    expect(packageOptions(['--app-id', other, ...WEBSITE], { MicrosoftAppId: APP_ID }).appId).toBe(other);
  });

  it('without --app-id or MicrosoftAppId, says both ways to give it', () => {
    expect(() => packageOptions(WEBSITE, { MicrosoftAppId: '' })).toThrow(/--app-id.*MicrosoftAppId/);
  });

  it('requires the website, privacy and terms links rather than making any up', () => {
    expect(() => packageOptions(['--app-id', APP_ID], {})).toThrow(
      /^--website, --privacy-url, --terms-url are needed: .*must be pages that exist/,
    );
    expect(() => packageOptions(['--app-id', APP_ID, ...WEBSITE.slice(0, 4)], {})).toThrow(
      /^--terms-url is needed/,
    );
  });

  it('refuses an option it does not know, such as a misspelt --appid', () => {
    expect(() => packageOptions(['--appid', APP_ID, ...WEBSITE], {})).toThrow(/--appid/);
  });
});
