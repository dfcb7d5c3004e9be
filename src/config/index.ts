import { parseEnv, type Env } from './env.js';
import { loadRulesConfig, type RulesConfig } from './rules-config.js';

export { ConfigError, parseEnv, parseStoreEnv, type Env } from './env.js';
export { loadRulesConfig, parseRulesConfig, type RulesConfig } from './rules-config.js';

export interface AppConfig {
  env: Env;
  rules: RulesConfig;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = parseEnv(source);
  return { env, rules: loadRulesConfig(env.CONFIG_FILE) };
}
