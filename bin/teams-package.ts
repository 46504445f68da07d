/**
 * `npm run teams:package -- --app-id <MicrosoftAppId> --website https://…`: writes the Teams app package
 * (manifest.json, color.png, outline.png and the zip to upload) to adapters/teams/appPackage/build/.
 * Without --app-id, MicrosoftAppId is read from the environment or from .env, as the bot reads them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { buildAppPackage } from '../adapters/teams/appPackage/app-package.js';
import { packageOptions } from '../adapters/teams/appPackage/package-options.js';

try {
  const fromFile = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
  const built = buildAppPackage(packageOptions(process.argv.slice(2), { ...fromFile, ...process.env }));
  const out = new URL('../adapters/teams/appPackage/build/', import.meta.url);
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
