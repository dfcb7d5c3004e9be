/**
 * The second yardstick of the ingest benchmark: the least a receiver can do and still
 * answer 202 only once its delivery is on disk. It does what the bare server does (HMAC,
 * 202), checks the body is JSON, and group-commits the raw bodies with the service's own
 * GroupCommit: one write in flight, whatever arrives meanwhile going in the next one.
 * No classification, no job, no log line, no queue, no recovery.
 *
 * DURABLE_WRITE picks the write:
 * - `dsync` (default): one positioned write per batch into a file written through once
 *   beforehand and opened O_DSYNC, so each write overwrites allocated blocks and the
 *   kernel returns only once they are on the device. This is the cheapest durable write
 *   this machine offers from Node (no size change, so no inode update to flush with it).
 * - `level`: one LevelDB put with `sync: true` per batch, as the service's intake does.
 *
 * Its ratio to the bare server is a ceiling for any receiver that stores before it answers.
 */
import { ClassicLevel } from 'classic-level';
import { closeSync, constants, fsyncSync, ftruncateSync, openSync, write, writeSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { GroupCommit } from '../../src/intake/group-commit.js';
import { readSigned } from './signed-body.js';

const secret = process.env.DISCOURSE_WEBHOOK_SECRET ?? '';
const port = Number(process.env.PORT ?? 0);
const dataDir = process.env.DATA_DIR ?? '.';
const mode = process.env.DURABLE_WRITE ?? 'dsync';
// The offset wraps round: what matters is that every write lands on blocks already allocated.
const FILE_BYTES = Number(process.env.DURABLE_FILE_MB ?? 128) << 20;

type Write = (bodies: Buffer[]) => Promise<void>;

async function openWrite(): Promise<Write> {
  if (mode === 'level') {
    const db = new ClassicLevel<string, Uint8Array>(join(dataDir, 'durable-level'), {
      keyEncoding: 'utf8',
      valueEncoding: 'view',
      writeBufferSize: 64 << 20,
    });
    await db.open();
    let seq = 0;
    return (bodies) => db.put(String(++seq).padStart(16, '0'), Buffer.concat(bodies), { sync: true });
  }
  const path = join(dataDir, 'durable.log');
  const init = openSync(path, 'w');
  const zeros = Buffer.alloc(Math.min(8 << 20, FILE_BYTES));
  for (let at = 0; at < FILE_BYTES; at += zeros.length) writeSync(init, zeros, 0, zeros.length, at);
  ftruncateSync(init, FILE_BYTES);
  // Allocated on disk before the first delivery, not at its write.
  fsyncSync(init);
  closeSync(init);
  const fd = openSync(path, constants.O_WRONLY | constants.O_DSYNC);
  let offset = 0;
  return (bodies) => {
    const block = Buffer.concat(bodies);
    if (offset + block.length > FILE_BYTES) offset = 0;
    const at = offset;
    offset += block.length;
    return new Promise((resolve, reject) =>
      write(fd, block, 0, block.length, at, (err) => (err ? reject(err) : resolve())),
    );
  };
}

// The service's own group commit, as its intake uses it (without the 503 timeout).
const appends = new GroupCommit<Buffer>(await openWrite());

const answer = (res: ServerResponse, status: number, text: string) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(text);
};

createServer((req, res) =>
  readSigned(req, secret, (body, signed) => {
    if (!signed) return answer(res, 401, '{"error":"bad signature"}');
    try {
      JSON.parse(body.toString('utf8'));
    } catch {
      return answer(res, 400, '{"error":"not JSON"}');
    }
    appends.add(body).then(
      () => answer(res, 202, '{"status":"accepted"}'),
      () => answer(res, 503, '{"error":"not stored"}'),
    );
  }),
).listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => process.exit(0));
