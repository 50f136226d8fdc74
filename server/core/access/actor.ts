import type { DataScope } from './scope.ts';
import type { Permission, Role } from './roles.ts';

// The authenticated person behind a request, as services see it.
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  scope: DataScope;
  unitId: number | null;
  regionCode: string | null;
  // The path of the user's own region (regionCode), when they have one.
  regionPath: string | null;
  sessionId: string;
}

// What every service call that changes data needs to know about the request, for the audit log.
export interface RequestContext {
  actor: Actor | null;
  ip: string;
  requestId: string;
}
