import type { AuditEntry, Role, StoredUser } from "./AccountStore.js";

/** A `users` row as both account stores select it. */
export interface UserRow {
  id: string;
  name: string;
  guest: boolean | number;
  role: string;
  banned_at: number | string | null;
}

export const USER_COLUMNS = `id, name, guest, role, banned_at`;

const ROLES: ReadonlySet<string> = new Set(["owner", "admin", "member"]);

export function toStoredUser(row: UserRow): StoredUser {
  const user: StoredUser = {
    id: row.id,
    name: row.name,
    guest: row.guest === true || row.guest === 1,
    role: ROLES.has(row.role) ? (row.role as Role) : "member",
  };
  if (row.banned_at !== null) user.bannedAt = Number(row.banned_at);
  return user;
}

/** An `audit` row. */
export interface AuditRow {
  ts: number | string;
  actor_id: string;
  action: AuditEntry["action"];
  target_id: string;
  detail: string;
}

export const toAudit = (row: AuditRow): AuditEntry => ({
  ts: Number(row.ts),
  actorId: row.actor_id,
  action: row.action,
  targetId: row.target_id,
  detail: row.detail,
});
