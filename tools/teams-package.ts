/**
 * `npm run teams:package -- --app-id <MicrosoftAppId> --website … --privacy-url … --terms-url …`: writes
 * the Teams app package (manifest.json, color.png, outline.png and the zip to upload) to `teams-app/` in
 * the working folder, or to `--out`. Without --app-id, MicrosoftAppId is read from the environment or
 * from .env, as the bot reads them. Build-time code: the running bot never loads it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { buildAppPackage } from './teams-app-package/app-package.js';
import { packageOptions } from './teams-app-package/package-options.js';

try {
  const fromFile = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
  const options = packageOptions(process.argv.slice(2), { ...fromFile, ...process.env });
  const built = buildAppPackage(options);
  const out = resolve(options.outDir);
  mkdirSync(out, { recursive: true });
  for (const file of built.files) writeFileSync(join(out, file.name), file.data);
  const zipFile = join(out, 'followthrough-teams.zip');
  writeFileSync(zipFile, built.zip);
  process.stdout.write(
    `Teams app package written to ${zipFile}\nUpload it in Teams: Apps > Manage your apps > Upload an app.\n`,
  );
} catch (error) {
  process.stderr.write(`teams:package: ${(error as Error).message}\n`);
  process.exit(1);
}
