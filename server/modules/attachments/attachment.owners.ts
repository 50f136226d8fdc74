// Which records files may be attached to, and how their data scope is checked. A module that takes
// evidence (plans now; tasks, reports, supervision later) registers its record type with the
// ScopedResource its own routes use, so a file attached to a record is read by exactly the people who
// may read that record, by the same rule.
import type { RecordKey, ScopedResource } from '../../core/access/guard.ts';

const owners = new Map<string, ScopedResource<unknown, RecordKey>>();

export function registerAttachmentOwner<T>(type: string, resource: ScopedResource<T, number>): void {
  const known = owners.get(type);
  // Registering again (one more app in the same process, as tests do) is harmless; two rules are not.
  if (known && known !== (resource as ScopedResource<unknown>)) {
    throw new Error(`attachment owner type '${type}' is already registered with another resource`);
  }
  owners.set(type, resource);
}

export function attachmentOwner(type: string): ScopedResource<unknown, RecordKey> | undefined {
  return owners.get(type);
}
