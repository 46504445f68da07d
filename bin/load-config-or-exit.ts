import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../src/config/config.js';

/**
 * The settings: the environment, over a `.env` file in the working folder when there is one (a variable
 * set in the environment wins, as with every process manager). A wrong one stops the program at once,
 * naming the variable and what it allows.
 */
export function loadConfigOrExit(envFile = '.env'): Config {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  try {
    return loadConfig({ ...fromFile, ...process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`followthrough: ${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
}
