import { expect } from 'chai';
import { fixture } from '../support/fixtures.js';
import { freePort } from '../support/redis.js';
import { getJson, send, startTestService, type TestService } from '../support/service.js';
import { StandInForum } from '../support/stand-in-forum.js';

describe('a forum that does not answer', function () {
  this.timeout(30_000);
  let svc: TestService | null = null;
  afterEach(async () => {
    await svc?.close();
    svc = null;
  });

  it('start-up logs the real cause (connection refused), not the wait; /readyz stays ready and says the forum fails', async () => {
    const port = await freePort();
    svc = await startTestService({ forumUrl: `http://127.0.0.1:${port}` });
    const line = svc.logs.lines
      .map((l) => JSON.parse(l) as Record<string, string>)
      .find((l) => l.msg?.startsWith('category tree not read at start'));
    expect(line, svc.logs.lines.join('\n')).to.not.equal(undefined);
    expect(line!.err).to.equal('GET /site.json: no answer (ECONNREFUSED)');
    expect(line!.msg).to.include('Fix: check DISCOURSE_URL');

    const ready = await getJson(svc.url, '/readyz', null);
    expect(ready.status, 'the forum is information, not readiness').to.equal(200);
    expect(ready.json.status).to.equal('ready');
    expect(ready.json.forum).to.deep.include({ url: `http://127.0.0.1:${port}`, lastCall: 'GET /site.json' });
    expect(ready.json.forum.status).to.match(
      /^failing: no answer \(ECONNREFUSED\)\. Fix: check DISCOURSE_URL and that this machine reaches the forum$/,
    );
  });

  it('/readyz says the forum answers once a call went through', async () => {
    const forum = new StandInForum();
    try {
      svc = await startTestService({ forumUrl: await forum.start() });
      expect((await send(svc.url, fixture('topic_created'))).status).to.equal(202);
      const ready = await getJson(svc.url, '/readyz', null);
      expect(ready.json.forum).to.deep.include({ status: 'answers', lastCall: 'GET /site.json' });
    } finally {
      await svc?.close();
      svc = null;
      await forum.stop();
    }
  });
});
