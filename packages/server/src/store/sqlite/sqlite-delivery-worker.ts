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
  type WireMarks,
} from './delivery-worker-protocol.js';

// The SQLite writer thread: it owns the connections that write deliveries, so the request
// thread never waits on an fsync. Batches that queued up while a transaction was committing are
// written together in the next one, one reply per batch. Dispatch marks of deliveries that
// started nothing ride along in the same transaction.

const port = parentPort!;
const ring = new Uint8Array((workerData as DeliveryWorkerSetup).ring);
const connections = new Map<number, DeliveryConnection | Error>();
let queued: (WireBatch | WireMarks)[] = [];
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

function writeTogether(connectionId: number, work: readonly (WireBatch | WireMarks)[]): void {
  const connection = connections.get(connectionId);
  if (connection === undefined || connection instanceof Error) {
    const message = connection?.message ?? `connection ${connectionId} is not open`;
    for (const item of work) reply({ type: 'failed', requestId: item.requestId, message });
    return;
  }
  const batches = work.filter((item): item is WireBatch => item.type === 'batch');
  const marks = work.filter((item): item is WireMarks => item.type === 'marks');
  try {
    const written = connection.write(batches.flatMap(rowsOf), marks);
    const committedRows = written.outcomes.filter((outcome) => outcome.ok).length;
    let offset = 0;
    for (const [index, batch] of batches.entries()) {
      reply({
        type: 'batch',
        requestId: batch.requestId,
        outcomes: written.outcomes.slice(offset, offset + batch.logs.length),
        ...(index === 0 ? { committedRows } : {}),
      });
      offset += batch.logs.length;
    }
    for (const item of marks) {
      reply(
        written.marksFailed === undefined
          ? { type: 'marked', requestId: item.requestId }
          : { type: 'failed', requestId: item.requestId, message: written.marksFailed },
      );
    }
  } catch (error) {
    for (const item of work) reply({ type: 'failed', requestId: item.requestId, message: describe(error) });
  }
}

function flush(): void {
  flushScheduled = false;
  const work = queued;
  queued = [];
  const byConnection = new Map<number, (WireBatch | WireMarks)[]>();
  for (const item of work) {
    const group = byConnection.get(item.connection);
    if (group === undefined) byConnection.set(item.connection, [item]);
    else group.push(item);
  }
  for (const [connection, group] of byConnection) writeTogether(connection, group);
  // After the answers are on their way.
  for (const connection of connections.values()) {
    if (connection instanceof DeliveryConnection) connection.checkpointIfDue();
  }
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
    case 'batch':
    case 'marks': {
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
