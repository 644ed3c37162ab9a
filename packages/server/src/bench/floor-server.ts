import { fdatasync, mkdtempSync, openSync, rmSync, writev } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyGitHubSignature } from '@tripline/sdk';
import { reportReady } from './bench-child.js';

/**
 * The floor: the least any verified, durable webhook ingress must do, and nothing more. It reads
 * the body, checks X-Hub-Signature-256 with the SDK's own function, parses the JSON, appends the
 * bodies that arrived meanwhile to one file with one writev and one fdatasync (group commit), and
 * only then answers 202. No request log, no headers kept, no duplicate check, no index, no
 * metrics. What the bare server cannot tell, this does: how much of the machine the unavoidable
 * work of verifying and storing takes, so Tripline's distance from it is its own overhead.
 */
const secret = process.env.BENCH_SECRET ?? 'bench secret';
const dir = mkdtempSync(path.join(tmpdir(), 'tripline-floor-'));
const fd = openSync(path.join(dir, 'deliveries.log'), 'a');

interface Pending {
  readonly body: Buffer;
  readonly res: ServerResponse;
}
let waiting: Pending[] = [];
let writing = false;

function commit(): void {
  if (writing || waiting.length === 0) return;
  writing = true;
  const batch = waiting;
  waiting = [];
  const answer = (status: number) => {
    for (const { res } of batch) {
      res.statusCode = status;
      res.end();
    }
    writing = false;
    commit();
  };
  writev(
    fd,
    batch.map((pending) => pending.body),
    (writeError) => {
      if (writeError) return answer(503);
      fdatasync(fd, (syncError) => answer(syncError ? 503 : 202));
    },
  );
}

function receive(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const signature = req.headers['x-hub-signature-256'];
  const headers = { 'x-hub-signature-256': typeof signature === 'string' ? signature : undefined };
  const request = { method: req.method ?? 'POST', url: req.url ?? '/', headers, body };
  if (!verifyGitHubSignature(request, secret).ok) {
    res.statusCode = 401;
    return void res.end();
  }
  try {
    JSON.parse(body.toString('utf8'));
  } catch {
    res.statusCode = 400;
    return void res.end();
  }
  waiting.push({ body, res });
  // As Tripline's group commit does: every request read in this loop turn joins the batch.
  if (!writing) setImmediate(commit);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => receive(req, res, Buffer.concat(chunks)));
});
server.listen(0, '127.0.0.1', () => {
  reportReady({ port: (server.address() as AddressInfo).port, endpoints: ['floor'] });
});
process.once('SIGTERM', () =>
  server.close(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }),
);
