/**
 * @module One viewing session per tab and event: its viewer ticket is kept in sessionStorage so a reload continues it.
 */

export type TicketStore = { read(): string | undefined; write(ticket: string): void };

export function ticketStore(storage: Pick<Storage, 'getItem' | 'setItem'> | null, eventId: string): TicketStore {
  const key = `kansoku:ticket:${eventId}`;
  return {
    read() {
      try {
        const kept = storage?.getItem(key);
        return kept && /^v1\.[A-Za-z0-9_.-]{1,250}$/.test(kept) ? kept : undefined;
      } catch {
        return undefined; // storage disabled (private mode, sandboxed iframe)
      }
    },
    write(ticket) {
      try {
        storage?.setItem(key, ticket);
      } catch {
        // as above: the session then ends with the page
      }
    },
  };
}
