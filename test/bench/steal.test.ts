import { expect } from 'chai';
import { leastDisturbed, parseCpuTicks, stealPercent } from '../../bench/support.js';

// Two readings of this VM's /proc/stat, 5 s apart while a benchmark ran.
const BEFORE = 'cpu  52092 0 20587 121358 1274 0 5808 3887 0 0\ncpu0 26010 0 10301 60622 640 0 2950 1940 0 0\n';
const AFTER = 'cpu  52893 0 20911 121405 1274 0 5934 4079 0 0\ncpu0 26420 0 10460 60640 640 0 3010 2050 0 0\n';

describe('ingest benchmark: runs the neighbours disturbed (bench/support.ts)', () => {
  it('reads the steal and the total from the first line of /proc/stat, leaving guest time out (it is in user already)', () => {
    expect(parseCpuTicks(BEFORE)).to.deep.equal({ steal: 3887, total: 52092 + 20587 + 121358 + 1274 + 5808 + 3887 });
    expect(parseCpuTicks('cpu  10 0 10 70 0 0 0 10 500 500')).to.deep.equal({ steal: 10, total: 100 });
  });

  it('reads nothing from a file that is not /proc/stat', () => {
    expect(parseCpuTicks('')).to.equal(null);
    expect(parseCpuTicks('cpu0 1 2 3 4 5 6 7 8')).to.equal(null);
    expect(parseCpuTicks('cpu  1 2 3')).to.equal(null);
    expect(parseCpuTicks('cpu  1 2 3 4 x 6 7 8')).to.equal(null);
  });

  it('gives the steal between two readings as a share of the machine, and nothing when a reading is missing', () => {
    // 192 ticks of steal in 1,490 ticks of machine time.
    expect(stealPercent(parseCpuTicks(BEFORE), parseCpuTicks(AFTER))).to.be.closeTo((100 * 192) / 1490, 1e-9);
    expect(stealPercent(null, parseCpuTicks(AFTER))).to.equal(null);
    expect(stealPercent(parseCpuTicks(AFTER), parseCpuTicks(AFTER))).to.equal(null);
  });

  const runsWithSteal = (...steals: Array<number | null>) => {
    let i = 0;
    return () => Promise.resolve({ steal: steals[i] ?? null, run: i++ });
  };

  it('keeps a quiet run at once', async () => {
    expect(await leastDisturbed(runsWithSteal(0.4, 9), 2, 3)).to.deep.equal({
      figure: { steal: 0.4, run: 0 },
      measured: 1,
    });
    expect(await leastDisturbed(runsWithSteal(null, 9), 2, 3)).to.deep.equal({
      figure: { steal: null, run: 0 },
      measured: 1,
    });
  });

  it('measures a disturbed run again until one is quiet', async () => {
    expect(await leastDisturbed(runsWithSteal(8.6, 2.4, 1.1, 0), 2, 3)).to.deep.equal({
      figure: { steal: 1.1, run: 2 },
      measured: 3,
    });
  });

  it('stops after the tries it is given and keeps the least disturbed, whatever its figures', async () => {
    expect(await leastDisturbed(runsWithSteal(8.6, 3.1, 5.4, 0), 2, 3)).to.deep.equal({
      figure: { steal: 3.1, run: 1 },
      measured: 3,
    });
  });
});
