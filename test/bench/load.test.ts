import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { answerEnd, drive, httpRequest, RequestPool } from '../../bench/load.js';

/** The ingest benchmark's load generator: what it sends, how it reads answers, what it counts. */
describe('ingest benchmark: the load generator (bench/load.ts)', () => {
  describe('answerEnd', () => {
    const head = 'HTTP/1.1 202 Accepted\r\ncontent-type: application/json\r\nContent-Length: 21\r\n\r\n';

    it('finds the end of an answer by its Content-Length, and waits for a body not read in full', () => {
      expect(answerEnd(`${head}{"status":"accepted"}`)).to.equal(head.length + 21);
      expect(answerEnd(`${head}{"status":"acc`)).to.equal(-1);
      expect(answerEnd('HTTP/1.1 202 Accepted\r\ncontent-len')).to.equal(-1);
    });

    it('finds the end of a chunked answer at its last chunk', () => {
      const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n';
      expect(answerEnd(chunked)).to.equal(chunked.length);
      expect(answerEnd(chunked.slice(0, -4))).to.equal(-1);
    });
  });

  it('RequestPool gives each request back byte for byte, and wraps around past its end', () => {
    const requests = [
      httpRequest('/a', { 'X-N': '1' }, '{"n":1}'),
      httpRequest('/b', { 'X-N': '22' }, Buffer.from('{"n":22}')),
    ];
    const pool = new RequestPool(requests);
    expect(pool.size).to.equal(2);
    expect(pool.at(0).equals(requests[0]!)).to.equal(true);
    expect(pool.at(1).equals(requests[1]!)).to.equal(true);
    expect(pool.at(3).equals(requests[1]!)).to.equal(true);
    expect(requests[1]!.toString('latin1')).to.equal(
      'POST /b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nX-N: 22\r\nContent-Length: 8\r\n\r\n{"n":22}',
    );
  });

  it('RequestPool keeps every request whole across its blocks, one larger than a block included', () => {
    const requests = Array.from({ length: 40 }, (_, n) =>
      httpRequest('/webhooks/discourse', { 'X-N': String(n) }, 'x'.repeat(n === 7 ? 900 : 10 + n)),
    );
    // Blocks of 300 bytes: most requests (about 100–160 bytes) fill one part-way, the 900-byte one gets a block of its own.
    const pool = new RequestPool(requests, 300);
    expect(pool.size).to.equal(40);
    for (const [n, r] of requests.entries()) expect(pool.at(n).equals(r), `request ${n}`).to.equal(true);
  });

  describe('drive, against a local server', () => {
    let server: Server;
    let port: number;
    const seen: string[] = [];
    // The generator's clock, moved by the server: 10 ms for every request it receives, so the
    // run's length is a number of requests, whatever the machine's speed.
    let now = 0;
    const clock = () => now;

    before(async () => {
      // Answers 202 to even bodies and 500 to odd ones; closes the connection after every third answer.
      let answered = 0;
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString();
          seen.push(body);
          now += 10;
          const n = Number(JSON.parse(body).n);
          if (++answered % 3 === 0) res.setHeader('connection', 'close');
          res.writeHead(n % 2 === 0 ? 202 : 500, { 'content-type': 'application/json' });
          res.end('{"status":"accepted"}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });

    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('sends the requests of the pool from where it is told, each once, counts every answer and every non-2xx, and opens a new connection when the server closes one', async () => {
      seen.length = 0;
      const pool = new RequestPool(
        Array.from({ length: 10 }, (_, n) => httpRequest('/webhooks/discourse', {}, JSON.stringify({ n }))),
      );
      const r = await drive({ port, connections: 4, seconds: 0.3, pool, from: 5, clock });
      expect(r.errors).to.equal(0);
      expect(r.total).to.equal(seen.length);
      expect(r.sent).to.equal(r.total);
      // 300 ms of the server's clock is 30 requests, and the others in flight as the 30th came (3 at most).
      expect(r.total).to.be.within(30, 33);
      const odd = seen.filter((b) => Number(JSON.parse(b).n) % 2 === 1).length;
      expect(r.non2xx).to.equal(odd);
      // The requests sent are the pool's 5th onwards, wrapping around, each once (in whatever order the connections took them).
      const sent = seen.map((b) => Number(JSON.parse(b).n)).sort();
      expect(sent).to.deep.equal(Array.from({ length: r.total }, (_, i) => (5 + i) % 10).sort());
      expect(r.p50).to.be.greaterThan(0);
      expect(r.p99).to.be.at.least(r.p50);
      expect(r.max).to.be.at.least(r.p999);
    });

    it('leaves the warm-up out of the figures but not out of the pool: the next run starts after it', async () => {
      seen.length = 0;
      const pool = new RequestPool(
        Array.from({ length: 50_000 }, (_, n) => httpRequest('/webhooks/discourse', {}, JSON.stringify({ n: 2 * n }))),
      );
      let measuringAt = -1;
      const r = await drive({
        port,
        connections: 2,
        seconds: 0.2,
        warmUpSeconds: 0.2,
        pool,
        onMeasuring: () => (measuringAt = seen.length),
        clock,
      });
      // The 200 ms of warm-up are 20 requests of the server's clock, 1 more at most in flight.
      expect(measuringAt).to.be.within(20, 21);
      expect(r.sent).to.equal(seen.length);
      // Answers to requests sent after counting started; at most one a connection was in flight when it started.
      expect(r.total).to.be.within(seen.length - measuringAt - 2, seen.length - measuringAt);
      expect(r.non2xx).to.equal(0);
    });
  });
});
