import { config as loadDotenv } from 'dotenv';

let dotenvLoaded = false;

/**
 * The variables configuration is parsed from: the process environment, over
 * `./.env` in the working directory (a variable already set wins). The one
 * place outside tests that reads `process.env`; everything else gets parsed
 * values (parseEnv, parseCliConfig).
 */
export function configSource(): Record<string, string | undefined> {
  if (!dotenvLoaded) {
    // quiet: dotenv 17+ would otherwise announce itself on stderr
    loadDotenv({ quiet: true });
    dotenvLoaded = true;
  }
  return { ...process.env };
}
