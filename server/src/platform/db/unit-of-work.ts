import type { EventBus, EventName, DomainEvents } from '../events/event-bus.js';
import type { Database } from './database.js';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Events recorded inside a transaction and published only once it has committed. */
export class PendingEvents {
  private readonly items: { name: EventName; payload: unknown }[] = [];
  add<K extends EventName>(name: K, payload: DomainEvents[K]): void {
    this.items.push({ name, payload });
  }
  get list(): readonly { name: EventName; payload: unknown }[] {
    return this.items;
  }
}

/**
 * Runs `work` in one transaction and publishes the events it recorded after commit.
 * If the transaction rolls back, no event leaves.
 */
export async function inTransaction<T>(
  db: Database,
  events: EventBus,
  work: (tx: Transaction, pending: PendingEvents) => Promise<T>,
  requestId?: string,
): Promise<T> {
  const pending = new PendingEvents();
  const result = await db.transaction((tx) => work(tx, pending));
  for (const { name, payload } of pending.list) {
    await events.publish(name, payload as DomainEvents[typeof name], requestId ? { requestId } : {});
  }
  return result;
}
