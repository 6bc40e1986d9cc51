import { SetMetadata } from '@nestjs/common';
import type { Role } from './user.entity.js';

export const MIN_ROLE = 'ivr:minRole';
export const PUBLIC_ROUTE = 'ivr:public';

/** The least role that may call this route (viewer < scheduler < admin). Routes without it need admin. */
export const MinRole = (role: Role) => SetMetadata(MIN_ROLE, role);

/** Reachable without a session: login, health, metrics. Listed in a test so additions are deliberate. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

const RANK: Record<Role, number> = { viewer: 0, scheduler: 1, admin: 2 };

export function roleAllows(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}
