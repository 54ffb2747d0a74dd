/**
 * Shared SAS grants of disk restore points within this process. Azure answers a second grant
 * while one is active by extending it and returning the same URL, so two overlapping
 * `withDiskAccess` calls on one disk restore point hold the same SAS: the first to finish must not
 * revoke it under the other. Each call takes a lease; only the last one out revokes, exactly once.
 * A call that starts while that revoke is still running waits for it, so its own grant is not
 * undone by a revoke that reaches the service later.
 */

interface LeaseEntry {
  holders: number;
  /** Whether any holder sent a grant (only then is there anything to revoke). */
  granted: boolean;
  revoking: Promise<void> | undefined;
}

const leases = new Map<string, LeaseEntry>();

/** One holder's share of a disk restore point's access. */
export interface DiskAccessLease {
  /** Records that this holder is about to send a grant. */
  markGranted(): void;
  /**
   * Gives the lease back; the last holder runs `revoke` (when anything was granted) and gets its
   * outcome. Calling it twice does nothing the second time.
   */
  release(revoke: () => Promise<void>): Promise<void>;
}

/**
 * Takes a lease on the access to one disk restore point.
 *
 * @param key - identifies the disk restore point (its ARM id, compared case-insensitively)
 */
export async function acquireDiskAccessLease(key: string): Promise<DiskAccessLease> {
  const k = key.toLowerCase();
  let entry = leases.get(k);
  while (entry?.revoking !== undefined) {
    await entry.revoking.catch(() => undefined);
    entry = leases.get(k);
  }
  if (entry === undefined) {
    entry = { holders: 0, granted: false, revoking: undefined };
    leases.set(k, entry);
  }
  const held = entry;
  held.holders += 1;
  let released = false;
  return {
    markGranted: () => {
      held.granted = true;
    },
    release: async (revoke) => {
      if (released) return;
      released = true;
      held.holders -= 1;
      if (held.holders > 0) return;
      if (!held.granted) {
        leases.delete(k);
        return;
      }
      held.revoking = revoke();
      try {
        await held.revoking;
      } finally {
        if (leases.get(k) === held) leases.delete(k);
      }
    },
  };
}
