/**
 * `npm run teams:package -- --app-id <MicrosoftAppId> [--website https://…]`: writes the Teams app
 * package (manifest.json, color.png, outline.png and the zip to upload) to adapters/teams/appPackage/build/.
 * Without --app-id, the MicrosoftAppId of the configuration (.env or the environment) is used.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../../src/config/config.js';
import { buildAppPackage } from './app-package.js';

const { values } = parseArgs({ options: { 'app-id': { type: 'string' }, website: { type: 'string' } } });

function configuredAppId(): string | undefined {
  try {
    return loadConfig().teams?.appId;
  } catch {
    return undefined;
  }
}

const appId = values['app-id'] ?? configuredAppId();
if (!appId) {
  process.stderr.write(
    "teams:package needs the bot's Microsoft App ID: npm run teams:package -- --app-id <MicrosoftAppId> (or set MicrosoftAppId).\n",
  );
  process.exit(1);
}
try {
  const built = buildAppPackage({ appId, websiteUrl: values.website });
  const out = new URL('./build/', import.meta.url);
  mkdirSync(out, { recursive: true });
  for (const file of built.files) writeFileSync(new URL(file.name, out), file.data);
  const zipFile = new URL('followthrough-teams.zip', out);
  writeFileSync(zipFile, built.zip);
  process.stdout.write(
    `Teams app package written to ${zipFile.pathname}\nUpload it in Teams: Apps > Manage your apps > Upload an app.\n`,
  );
} catch (error) {
  process.stderr.write(`teams:package: ${(error as Error).message}\n`);
  process.exit(1);
}
