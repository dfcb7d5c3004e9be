import { spawnSync } from 'node:child_process';
import { expect } from 'chai';

/** The store contract's MongoDB suite run by mocha on its own, without a MongoDB, as .ci/run would run it. */
function runMongoSuite(env: Record<string, string>, flags: string[] = []) {
  const { MONGODB_URI: _m, TEST_MONGODB_URI: _t, REQUIRE_MONGODB: _r, ...rest } = process.env;
  const r = spawnSync(
    process.execPath,
    [
      'node_modules/mocha/bin/mocha.js',
      '--no-config',
      '--node-option',
      'import=tsx',
      '--reporter',
      './test/support/reporter.cjs',
      '--grep',
      'MongoDB',
      ...flags,
      'test/store/contract.test.ts',
    ],
    { env: { ...rest, ...env }, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the MongoDB suites without a MongoDB', function () {
  this.timeout(120_000);

  it('skip, saying how to get one, when nothing asks for MongoDB', () => {
    const r = runMongoSuite({});
    expect(r.out).to.include('tests: 0 passed, 0 failed, 1 skipped');
    expect(r.status).to.equal(0);
  });

  it('fail with REQUIRE_MONGODB=1, as .ci/run sets it, naming what is missing', () => {
    const r = runMongoSuite({ REQUIRE_MONGODB: '1' });
    expect(r.out).to.include('tests: 0 passed, 1 failed, 0 skipped');
    expect(r.out).to.include('REQUIRE_MONGODB=1 but neither TEST_MONGODB_URI nor MONGODB_URI is set');
    expect(r.status).to.equal(1);
  });

  it('fail when a grep finds no MongoDB test at all, with the flags .ci/run gives mocha', () => {
    const r = runMongoSuite({ REQUIRE_MONGODB: '1' }, ['--fail-zero', '--forbid-pending', '--grep', 'no-such-suite']);
    expect(r.out).to.include('tests: 0 passed, 0 failed, 0 skipped');
    expect(r.status).to.equal(1);
  });
});
