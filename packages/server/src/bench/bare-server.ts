import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { reportReady } from './bench-child.js';

/**
 * The yardstick: a node:http server that reads the whole body and answers 202, nothing more. The
 * ingress is measured against it on the same machine with the same load.
 */
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    Buffer.concat(chunks);
    res.statusCode = 202;
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => {
  reportReady({ port: (server.address() as AddressInfo).port, endpoints: ['bare'] });
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
