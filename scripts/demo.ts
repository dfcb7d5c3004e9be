/**
 * npm run demo: the service on its embedded defaults, a stand-in forum on loopback,
 * and a recorded thread replayed through real signed webhooks. Nothing leaves this machine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '../src/config/env.js';
import { loadRulesConfig } from '../src/config/rules-config.js';
import { createLogger } from '../src/log.js';
import type { Proposal } from '../src/rules/proposal.js';
import { renderStatusPost, STATUS_MARKER } from '../src/rules/status-post.js';
import { startService } from '../src/service.js';
import { FakeForum } from '../test/support/fake-forum.js';

const SAMPLES = join('webhooks', 'samples', 'berlin-thread');
const ADMIN_TOKEN = 'demo-admin-token-0123456789';

async function main(): Promise<void> {
  const forum = new FakeForum();
  const forumUrl = await forum.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'meetup-companion-demo-'));
  const plan = JSON.parse(readFileSync(join(SAMPLES, 'order.json'), 'utf8')) as { secret: string; order: string[] };
  const env = parseEnv({
    DISCOURSE_URL: forumUrl,
    DISCOURSE_API_KEY: 'demo-api-key',
    DISCOURSE_WEBHOOK_SECRET: plan.secret,
    PORT: '0',
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const rules = loadRulesConfig(env.CONFIG_FILE);
  // The demo shows each step's effect at once instead of waiting out the 10 s coalescing window.
  const demoRules = { ...rules, statusPost: { ...rules.statusPost, coalesceSeconds: 0 } };
  const service = await startService({ env, rules: demoRules, role: 'all', logger: createLogger(env.LOG_LEVEL) });
  const base = `http://127.0.0.1:${service.port}`;
  console.log(`stand-in forum at ${forumUrl}; meetup-companion at ${base} (embedded store in ${dataDir}, in-process queue)\n`);

  try {
    for (const name of plan.order) {
      const body = readFileSync(join(SAMPLES, `${name}.json`));
      const headers = JSON.parse(readFileSync(join(SAMPLES, `${name}.headers.json`), 'utf8')) as Record<string, string>;
      delete headers['Content-Length'];
      delete headers['Connection'];
      delete headers['Host'];
      const res = await fetch(`${base}/webhooks/discourse`, { method: 'POST', headers, body });
      console.log(`POST /webhooks/discourse  ${headers['X-Discourse-Event']!.padEnd(28)} → ${res.status} ${await res.text()}`);
      // Let the worker catch up so each step shows its effect on the proposal.
      for (let i = 0; i < 100 && (await service.queue.depth()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      const proposal = await fetch(`${base}/api/proposals/27341`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      if (proposal.ok) console.log(`    proposal 27341 is now: ${((await proposal.json()) as { state: string }).state}`);
    }
    const final = await fetch(`${base}/api/proposals/27341`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    console.log('\nGET /api/proposals/27341 →', final.status);
    const proposal = (await final.json()) as Proposal;
    console.log(JSON.stringify(proposal, null, 2));
    const written = forum.written.find((p) => p.topic_id === 27341 && p.raw.startsWith(STATUS_MARKER));
    if (written) {
      console.log(`\nthe status post the service wrote in the thread (post ${written.id}, edited in place as the checklist changed):\n`);
      console.log(written.raw);
    } else if (proposal.checklist) {
      console.log('\nthe status post the service would keep in the thread:\n');
      console.log(renderStatusPost({ state: proposal.state, checklist: proposal.checklist, interested: proposal.interested, rejectionReason: proposal.approval?.reason ?? null }));
    }
    const calls = forum.requests.map((r) => `${r.method} ${r.url}`);
    console.log(`\nforum calls made: ${calls.length} (${[...new Set(calls)].join(', ')})`);
  } finally {
    await service.close();
    await forum.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
