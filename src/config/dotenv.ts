import { existsSync } from 'node:fs';

/**
 * Reads `.env` in the working directory into process.env, when there is one (see
 * .env.example). Variables already set in the environment win, as with `node --env-file`,
 * so a platform's settings override the file.
 */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
