import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { expect } from 'chai';

/**
 * The project carries what it cites: every document a comment, a test or a page names
 * is in the repository, and every section it names by number is in that document.
 */
const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);
const code = tracked.filter(
  (f) => /^(src|test|scripts|bench|\.ci)\//.test(f) && /\.(ts|js|cjs|mjs|sh)$|\/run$/.test(f),
);
const pages = tracked.filter((f) => f.endsWith('.md'));

/** The numbers of a document's numbered headings: "## 6." and "### 6.1" give 6 and 6.1. */
function sections(file: string): Set<string> {
  const out = new Set<string>();
  for (const m of readFileSync(file, 'utf8').matchAll(/^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)) out.add(m[1]!);
  return out;
}

function citations(file: string): { doc: string; section?: string; line: number }[] {
  const out: { doc: string; section?: string; line: number }[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      for (const m of text.matchAll(/\bdocs\/[\w./-]+\.md(?: §(\d+(?:\.\d+)*)(?:[–-](\d+(?:\.\d+)*))?)?/g)) {
        const doc = m[0].split(' ')[0]!;
        out.push({ doc, line: i + 1, ...(m[1] ? { section: m[1] } : {}) });
        if (m[2]) out.push({ doc, line: i + 1, section: m[2] });
      }
    });
  return out;
}

describe('what the code and the pages cite', () => {
  it('every docs/… page a source file or test names exists, with the section it names', () => {
    const broken: string[] = [];
    let seen = 0;
    for (const file of code) {
      for (const c of citations(file)) {
        seen++;
        if (!existsSync(c.doc)) broken.push(`${file}:${c.line}: ${c.doc} is not in the repository`);
        else if (c.section && !sections(c.doc).has(c.section))
          broken.push(`${file}:${c.line}: ${c.doc} has no section ${c.section}`);
      }
    }
    expect(seen, 'the code cites the spec').to.be.above(30);
    expect(broken).to.deep.equal([]);
  });

  it('every relative link of a page leads to a file of the repository', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const m of readFileSync(page, 'utf8').matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)) {
        const target = m[1]!;
        // Addresses, and the placeholders a quoted page shows ("[text](…)"), are not files.
        if (/^[a-z]+:/i.test(target) || !/^[\w./-]+$/.test(target)) continue;
        if (!existsSync(normalize(join(dirname(page), target)))) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).to.deep.equal([]);
  });
});
