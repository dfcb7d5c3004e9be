import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { configurationDoc, PAGE } from '../../scripts/config-docs.js';

/** Paths of config/default.json down to its settings: an object whose keys are data (aliases, commands) is one setting. */
function settingPaths(node: unknown, documented: Set<string>, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node) || documented.has(prefix)) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => settingPaths(v, documented, prefix ? `${prefix}.${k}` : k));
}

describe('docs/configuration.md', function () {
  this.timeout(20_000);
  let page: string;
  before(() => {
    page = readFileSync(PAGE, 'utf8');
  });

  it('is what npm run docs:config writes from the schema: every setting described', async () => {
    expect(page === (await configurationDoc()), `${PAGE} is not current: run npm run docs:config`).to.equal(true);
  });

  it('lists every key of config/default.json with its type, default and meaning', () => {
    const documented = new Set([...page.matchAll(/^- `([\w.]+)` \((.+?); (.+?)\): (.+)$/gm)].map((m) => m[1]!));
    const shipped = JSON.parse(readFileSync('config/default.json', 'utf8')) as unknown;
    const missing = settingPaths(shipped, documented).filter((p) => !documented.has(p));
    expect(missing).to.deep.equal([]);
    expect(documented.size).to.be.above(80);
  });
});
