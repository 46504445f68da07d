import { type Config, ConfigError, loadConfig } from '../src/config/config.js';

/** A wrong setting stops the program at once, naming the variable and what it allows. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`followthrough: ${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
}
