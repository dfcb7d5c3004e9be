import FakeTimers from '@sinonjs/fake-timers';
import { expect } from 'chai';
import { everyOnce } from '../../src/log.js';
import { mongoHosts, stopWithin } from '../../src/service.js';

describe('stopping and outages', () => {
  it('ends a stop whose close never finishes once the stop time has passed, and not before', async () => {
    const clock = FakeTimers.createClock();
    let outcome: string | null = null;
    const stopping = stopWithin(() => new Promise<void>(() => undefined), 10_000, clock).then((o) => (outcome = o));
    clock.tick(9_999);
    await Promise.resolve();
    expect(outcome, 'still waiting for the jobs in hand').to.equal(null);
    clock.tick(1);
    await stopping;
    expect(outcome).to.equal('timed out');
  });

  it('says a stop that finished in time stopped, and leaves no timer behind', async () => {
    const clock = FakeTimers.createClock();
    expect(await stopWithin(() => Promise.resolve(), 10_000, clock)).to.equal('stopped');
    expect(clock.countTimers()).to.equal(0);
  });

  it('writes an outage line at most once a minute, telling how many it left out', () => {
    let now = 0;
    const once = everyOnce(60_000, () => now);
    const written: number[] = [];
    for (let second = 0; second < 150; second++) {
      now = second * 1000;
      // The worker reports each reconnect attempt: twice a second.
      once((suppressed) => written.push(suppressed));
      once((suppressed) => written.push(suppressed));
    }
    expect(written).to.deep.equal([0, 119, 119]);
  });

  it('names the hosts of a MongoDB connection string without its user or password', () => {
    expect(mongoHosts('mongodb://app:s3cret@db1:27017,db2:27017/meetups?replicaSet=rs0')).to.equal(
      'db1:27017,db2:27017',
    );
    expect(mongoHosts('mongodb+srv://cluster0.example.net/?retryWrites=true')).to.equal('cluster0.example.net');
  });
});
