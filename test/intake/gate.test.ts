import FakeTimers from '@sinonjs/fake-timers';
import { expect } from 'chai';
import { IngestGate } from '../../src/intake/gate.js';

describe('ingest gate: acknowledgements before background work', () => {
  let clock: ReturnType<typeof FakeTimers.install>;
  beforeEach(() => {
    clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout'], now: 0 });
  });
  afterEach(() => clock.uninstall());

  const gate = () => new IngestGate({ quietMs: 20, maxWaitMs: 250, now: () => clock.now });
  /** Deliveries every `everyMs` for `forMs` of the fake clock. */
  const keepDelivering = async (g: IngestGate, forMs: number, everyMs: number) => {
    for (let t = 0; t < forMs; t += everyMs) {
      await clock.tickAsync(everyMs);
      g.delivery();
    }
  };
  const settledBy = (p: Promise<void>) => {
    let settled = false;
    void p.then(() => (settled = true));
    return () => settled;
  };

  it('says the process is receiving for a second after each delivery, and not before any', async () => {
    const g = gate();
    expect(g.receiving(), 'no delivery yet').to.equal(false);
    g.delivery();
    await clock.tickAsync(999);
    expect(g.receiving()).to.equal(true);
    await clock.tickAsync(1);
    expect(g.receiving(), 'a second without a delivery').to.equal(false);
  });

  it('gives a turn at once when no delivery came, or the last one is quiet already', async () => {
    const g = gate();
    const before = settledBy(g.turn());
    await clock.tickAsync(0);
    expect(before(), 'turn before any delivery').to.equal(true);
    g.delivery();
    await clock.tickAsync(20);
    const after = settledBy(g.turn());
    await clock.tickAsync(0);
    expect(after(), 'turn 20 ms after the last delivery').to.equal(true);
  });

  it('waits while deliveries keep coming, and gives the turn when they stop for 20 ms', async () => {
    const g = gate();
    g.delivery();
    const done = settledBy(g.turn());
    await keepDelivering(g, 100, 10);
    expect(done(), 'turn given during the burst').to.equal(false);
    await clock.tickAsync(19);
    expect(done(), 'turn given before 20 quiet ms').to.equal(false);
    await clock.tickAsync(2);
    expect(done()).to.equal(true);
  });

  it('gives the turn after 250 ms however busy the receiver stays: background work always progresses', async () => {
    const g = gate();
    g.delivery();
    const done = settledBy(g.turn());
    await keepDelivering(g, 240, 5);
    expect(done(), 'turn given before 250 ms').to.equal(false);
    await keepDelivering(g, 20, 5);
    expect(done()).to.equal(true);
  });
});
