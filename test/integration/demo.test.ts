import { spawn } from 'node:child_process';
import { expect } from 'chai';

/** npm run demo, as a person runs it: its own process, everything it prints. */
function demo(env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

describe('npm run demo', function () {
  this.timeout(120_000);

  it("previews another community's rules file: its categories and names, and no word of Mautic anywhere", async () => {
    const before = Date.now();
    const run = await demo({ CONFIG_FILE: 'config/examples/another-community.json' });
    expect(run.code, run.stdout).to.equal(0);
    // The demo prints every text the service writes whole, the forum's addresses, the API's JSON and the CLI's output.
    expect(run.stdout.match(/.*mautic.*/gi) ?? []).to.deep.equal([]);
    expect(run.stdout).to.include('(categories Local Groups > Germany, Chapters; moderator mod_kai)');
    expect(run.stdout).to.include('Das offizielle Kestrel-Meetup für `Berlin`.');
    expect(run.stdout).to.include(
      'create the group on the [Kestrel Member Hub](https://members.kestrel.example) by hand',
    );
    expect(run.stdout).to.match(
      /created category "Kestrel Berlin Chapter" \(.*\/c\/chapters\/berlin-chapter\/\d+\) under Chapters/,
    );

    // The timeline in order: the approval is dated during the run that made the thread, before the proposal's last change.
    const api = JSON.parse(/^GET \/api\/proposals\/\d+:\n(\{[\s\S]*?\n\})$/m.exec(run.stdout)![1]!) as {
      approval: { at: string };
      updatedAt: string;
    };
    expect(Date.parse(api.approval.at)).to.be.at.least(before).and.at.most(Date.parse(api.updatedAt));
  });
});
