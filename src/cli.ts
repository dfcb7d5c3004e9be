#!/usr/bin/env node
import { runCli } from './cli/main.js';
import { loadDotEnv } from './config/dotenv.js';

// The command-line entry (npm run cli -- <command>, or the meetup-companion binary).
loadDotEnv();
runCli(process.argv.slice(2), process.env, {
  line: (text) => process.stdout.write(`${text}\n`),
  progress: process.stderr.isTTY ? process.stderr : null,
})
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`meetup-companion: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
