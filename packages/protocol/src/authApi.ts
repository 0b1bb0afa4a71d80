import { z } from "zod";
import { User } from "./fields.js";
import { Name, PublicRoomName, UserId } from "./names.js";
import {
  ADMIN_PATHS,
  AUTH_PATHS,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from "./httpConstants.js";

export { ADMIN_PATHS, AUTH_PATHS, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

export const Password = z.string().max(MAX_PASSWORD_LENGTH);

/**
 * `POST /api/auth/register`: creates an account. With `Authorization: Bearer <guest token>` the guest
 * becomes the account (same id, same history) and `name` must be its own or free.
 */
export const RegisterRequest = z.strictObject({ name: Name, password: Password });
export type RegisterRequest = z.infer<typeof RegisterRequest>;

/** `POST /api/auth/login`. */
export const LoginRequest = z.strictObject({ name: Name, password: Password });
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Answer of register (201) and login (200): the account and a session token for `hello {token}`. */
export const AuthResponse = z.object({
  user: User,
  token: z.string(),
  tokenExpiresAt: z.number().int(),
});
export type AuthResponse = z.infer<typeof AuthResponse>;

/** `POST /api/auth/rename` (Bearer): an account's new display name; history keeps the old one. */
export const RenameRequest = z.strictObject({ name: Name });
export type RenameRequest = z.infer<typeof RenameRequest>;

/** One device the user is signed in on, in `GET /api/auth/sessions`. */
export const SessionInfo = z.object({
  id: z.string(),
  device: z.string(),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int(),
  expiresAt: z.number().int(),
  /** The session of the token that asked. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SessionsResponse = z.object({ sessions: z.array(SessionInfo) });
export type SessionsResponse = z.infer<typeof SessionsResponse>;

/** A user's role: owner, admin and member are accounts; a guest has no account. */
export const UserRole = z.enum(["owner", "admin", "member", "guest"]);
export type UserRole = z.infer<typeof UserRole>;

/** `GET /api/auth/me` (Bearer): who the token belongs to, and what that user may do. */
export const MeResponse = z.object({
  user: z.object({ id: UserId, name: Name }),
  role: UserRole,
  guest: z.boolean(),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** Every error answer of the HTTP APIs. */
export const ApiError = z.object({ error: z.string() });

/** `POST /api/admin/ban` / `unban`: the user, by id. */
export const BanRequest = z.strictObject({ user: UserId });
export type BanRequest = z.infer<typeof BanRequest>;

/** `POST /api/admin/role` (owner only): make an account an admin or a member again. */
export const RoleRequest = z.strictObject({ user: UserId, role: z.enum(["admin", "member"]) });
export type RoleRequest = z.infer<typeof RoleRequest>;

/** The longest mute: 30 days. */
export const MAX_MUTE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * `POST /api/admin/mute`: no sends or edits from `user` for `durationMs`, in `room` or (without it)
 * everywhere. Muting again replaces the earlier end.
 */
export const MuteRequest = z.strictObject({
  user: UserId,
  room: PublicRoomName.optional(),
  durationMs: z.number().int().min(1000).max(MAX_MUTE_MS),
});
export type MuteRequest = z.infer<typeof MuteRequest>;

/** Answer of a mute: when it ends. */
export const MuteResponse = z.object({ until: z.number().int() });
export type MuteResponse = z.infer<typeof MuteResponse>;

/** `POST /api/admin/unmute`: ends the mute of `user` in `room` (or the global one). */
export const UnmuteRequest = z.strictObject({ user: UserId, room: PublicRoomName.optional() });
export type UnmuteRequest = z.infer<typeof UnmuteRequest>;

/** What the audit log records. */
export const AuditAction = z.enum([
  "ban",
  "unban",
  "role",
  "mute",
  "unmute",
  "delete",
  "invite",
  "remove",
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** One moderation action in `GET /api/admin/audit` (newest first). */
export const AuditEntry = z.object({
  ts: z.number().int(),
  actor: UserId,
  action: AuditAction,
  target: UserId,
  detail: z.string(),
});
export const AuditResponse = z.object({ entries: z.array(AuditEntry) });
export type AuditResponse = z.infer<typeof AuditResponse>;
