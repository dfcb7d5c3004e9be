import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from '../../src/cli/main.js';
import { loadRulesConfig } from '../../src/config/rules-config.js';
import { parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/log.js';
import { startService, type Service } from '../../src/service.js';
import { freePort } from '../support/redis.js';
import { StandInForum } from '../support/stand-in-forum.js';

const README = readFileSync('README.md', 'utf8');
const INSTALL = README.slice(README.indexOf('## Install on a forum, step by step'), README.indexOf('## Configuration'));

/** The variables `.env.example` leaves to fill in: those not commented out. */
function toFillIn(): string[] {
  return [...readFileSync('.env.example', 'utf8').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]!);
}

describe("the README's install, step by step", function () {
  this.timeout(60_000);

  it('names in step 2 the settings .env.example leaves to fill in, and .env.example says how many', () => {
    const step2 = /cp \.env\.example \.env\s+# then set ([A-Z_, ]+)/.exec(INSTALL)![1]!.split(/,\s*/);
    expect(step2).to.deep.equal(toFillIn());
    expect(readFileSync('.env.example', 'utf8')).to.include(
      `fill in the first ${['', 'one', 'two', 'three', 'four', 'five'][toFillIn().length]}.`,
    );
  });

  it("runs its commands in the README's order on a fresh forum with the service started, and no check FAILs", async () => {
    const commands = [...INSTALL.matchAll(/^ +npx meetup-companion (.+)$/gm)].map((m) => m[1]!.trim().split(/\s+/));
    expect(commands.map((c) => c[0])).to.include.members(['register-webhook', 'doctor', 'backfill']);

    const forum = new StandInForum({ apiKey: 'readme-api-key-0123456789' });
    const dataDir = mkdtempSync(join(tmpdir(), 'mc-readme-'));
    let service: Service | null = null;
    try {
      const port = await freePort();
      // What step 2 fills in, as .env would give it; the rest are the defaults.
      const settings = {
        DISCOURSE_URL: await forum.start(),
        DISCOURSE_API_KEY: 'readme-api-key-0123456789',
        DISCOURSE_WEBHOOK_SECRET: 'readme-webhook-secret-0123',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        PORT: String(port),
        DATA_DIR: dataDir,
      };
      expect(Object.keys(settings)).to.include.members(toFillIn());
      const env = parseEnv(settings);
      // Step 3: npm start.
      service = await startService({
        env,
        rules: loadRulesConfig(env.CONFIG_FILE),
        role: 'all',
        logger: createLogger('silent'),
        periodic: false,
      });
      for (const command of commands) {
        const lines: string[] = [];
        const code = await runCli(command, settings, { line: (t) => lines.push(...t.split('\n')), progress: null });
        expect(
          lines.filter((l) => l.startsWith('FAIL')),
          `${command.join(' ')}\n${lines.join('\n')}`,
        ).to.deep.equal([]);
        expect(code, `${command.join(' ')}\n${lines.join('\n')}`).to.equal(0);
      }
    } finally {
      await service?.close();
      await forum.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
