import { expect } from 'vitest';
import { newLog } from './contract-fixtures.js';
import type { Store } from './store.js';

/**
 * What both delivery writers promise about `onDeliveryCommit`: every delivery is counted once,
 * in the transaction that wrote it, and concurrent writes share transactions. `open` makes a
 * fresh store of the adapter under test with the callback.
 */
export async function expectDeliveryCommitsCounted(
  open: (onDeliveryCommit: (rows: number) => void) => Promise<Store>,
): Promise<void> {
  const committed: number[] = [];
  const store = await open((rows) => committed.push(rows));
  try {
    await store.migrate();
    const endpoint = { id: 'e', workspaceId: 'w' };
    await Promise.all(Array.from({ length: 30 }, () => store.deliveries.write(newLog(endpoint))));
    expect(committed.reduce((sum, rows) => sum + rows, 0)).toBe(30);
    expect(committed.length).toBeLessThan(30);
  } finally {
    await store.close();
  }
}
