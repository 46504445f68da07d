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
  'npm run teams:package -- --app-id <MicrosoftAppId> --website https://… --privacy-url https://… --terms-url https://… [--out <folder>]';

export interface PackageCommand extends AppPackageOptions {
  /** Where the manifest, the icons and the zip are written. */
  outDir: string;
}

/**
 * The package's options from the command line (`process.argv.slice(2)`), falling back to MicrosoftAppId
 * in the environment for the app id. Throws an Error that says what is missing and how to pass it.
 */
export function packageOptions(args: string[], env: Record<string, string | undefined>): PackageCommand {
  const { values } = parseArgs({
    args,
    options: {
      'app-id': { type: 'string' },
      website: { type: 'string' },
      'privacy-url': { type: 'string' },
      'terms-url': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const appId = values['app-id'] ?? packageEnv.parse(env).MicrosoftAppId;
  if (!appId) {
    throw new Error(
      `the bot's Microsoft App ID is needed: pass --app-id or set MicrosoftAppId in the environment.\n${USAGE}`,
    );
  }
  const missing = (['website', 'privacy-url', 'terms-url'] as const).filter((name) => !values[name]);
  if (missing.length > 0) {
    throw new Error(
      `${missing.map((name) => `--${name}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} needed: ` +
        'Teams shows your organisation’s website, privacy statement and terms of use with the app, ' +
        `so they must be pages that exist.\n${USAGE}`,
    );
  }
  return {
    appId,
    websiteUrl: values.website!,
    privacyUrl: values['privacy-url']!,
    termsUrl: values['terms-url']!,
    outDir: values.out ?? 'teams-app',
  };
}
