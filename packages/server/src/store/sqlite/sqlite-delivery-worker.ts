import { parentPort, workerData } from 'node:worker_threads';
import type { NewRequestLogRow } from '../sql/duplicate-delivery.js';
import { fromNewRequestLog } from '../sql/row-mapping.js';
import { DeliveryConnection } from './delivery-connection.js';
import {
  type DeliveryWorkerSetup,
  decodeLog,
  type FromDeliveryWorker,
  type ToDeliveryWorker,
  type WireBatch,
} from './delivery-worker-protocol.js';

// The SQLite writer thread: it owns the connections that write deliveries, so the request
// thread never waits on an fsync. Batches that queued up while a transaction was committing are
// written together in the next one, one reply per batch.

const port = parentPort!;
const ring = new Uint8Array((workerData as DeliveryWorkerSetup).ring);
const connections = new Map<number, DeliveryConnection | Error>();
let queued: WireBatch[] = [];
let flushScheduled = false;

function reply(message: FromDeliveryWorker): void {
  port.postMessage(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function rowsOf(batch: WireBatch): NewRequestLogRow[] {
  const { bodies } = batch;
  const bytes =
    bodies.kind === 'ring'
      ? ring.subarray(bodies.start, bodies.start + bodies.length)
      : new Uint8Array(bodies.buffer);
  return batch.logs.map((log) => fromNewRequestLog(decodeLog(log, bytes)));
}

function writeTogether(connectionId: number, batches: readonly WireBatch[]): void {
  const connection = connections.get(connectionId);
  if (connection === undefined || connection instanceof Error) {
    const message = connection?.message ?? `connection ${connectionId} is not open`;
    for (const batch of batches) reply({ type: 'failed', requestId: batch.requestId, message });
    return;
  }
  try {
    const outcomes = connection.writeRows(batches.flatMap(rowsOf));
    let offset = 0;
    for (const batch of batches) {
      reply({
        type: 'batch',
        requestId: batch.requestId,
        outcomes: outcomes.slice(offset, offset + batch.logs.length),
      });
      offset += batch.logs.length;
    }
  } catch (error) {
    for (const batch of batches)
      reply({ type: 'failed', requestId: batch.requestId, message: describe(error) });
  }
}

function flush(): void {
  flushScheduled = false;
  const batches = queued;
  queued = [];
  const byConnection = new Map<number, WireBatch[]>();
  for (const batch of batches) {
    const group = byConnection.get(batch.connection);
    if (group === undefined) byConnection.set(batch.connection, [batch]);
    else group.push(batch);
  }
  for (const [connection, group] of byConnection) writeTogether(connection, group);
}

port.on('message', (message: ToDeliveryWorker) => {
  switch (message.type) {
    case 'open': {
      try {
        connections.set(message.connection, new DeliveryConnection(message.file, message.busyTimeoutMs));
      } catch (error) {
        // Kept, and reported to each batch for this connection.
        connections.set(message.connection, new Error(`cannot open ${message.file}: ${describe(error)}`));
      }
      return;
    }
    case 'batch': {
      queued.push(message);
      // Messages that arrived during the last transaction are all delivered before this runs.
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
      return;
    }
    case 'close': {
      flush();
      const connection = connections.get(message.connection);
      connections.delete(message.connection);
      if (connection instanceof DeliveryConnection) connection.close();
      reply({ type: 'closed', requestId: message.requestId });
      return;
    }
    case 'exit': {
      flush();
      for (const connection of connections.values()) {
        if (connection instanceof DeliveryConnection) connection.close();
      }
      connections.clear();
      port.close();
      return;
    }
    default: {
      const unknown: never = message;
      throw new Error(`unknown message ${JSON.stringify(unknown)}`);
    }
  }
});
