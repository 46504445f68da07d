import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { AppPackageOptions } from './app-package.js';

/**
 * Only what the package needs from the environment: the whole configuration would also demand the app
 * password, which building a manifest has no use for.
 */
const packageEnv = z.object({
  MicrosoftAppId: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined),
});

const USAGE =
  'npm run teams:package -- --app-id <MicrosoftAppId> --website https://<your organisation’s page>';

/**
 * The package's options from the command line (`process.argv.slice(2)`), falling back to MicrosoftAppId
 * in the environment for the app id. Throws an Error that says what is missing and how to pass it.
 */
export function packageOptions(args: string[], env: Record<string, string | undefined>): AppPackageOptions {
  const { values } = parseArgs({
    args,
    options: { 'app-id': { type: 'string' }, website: { type: 'string' } },
  });
  const appId = values['app-id'] ?? packageEnv.parse(env).MicrosoftAppId;
  if (!appId) {
    throw new Error(
      `the bot's Microsoft App ID is needed: pass --app-id or set MicrosoftAppId in the environment.\n${USAGE}`,
    );
  }
  if (!values.website) {
    throw new Error(
      `--website is needed: the manifest's developer, privacy and terms links point to it.\n${USAGE}`,
    );
  }
  return { appId, websiteUrl: values.website };
}
