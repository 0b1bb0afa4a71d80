// Constants of the HTTP APIs apart from the zod schemas of their bodies, so the web app can name a
// path or a limit without loading zod in its first chunk.

/** The HTTP account API under `/api/auth` (JSON bodies; documented in the protocol README). */
export const AUTH_PATHS = {
  register: "/api/auth/register",
  login: "/api/auth/login",
  logout: "/api/auth/logout",
  sessions: "/api/auth/sessions",
  rename: "/api/auth/rename",
  me: "/api/auth/me",
} as const;

/** Passwords: at least this long, and not in the server's list of common passwords. */
export const MIN_PASSWORD_LENGTH = 10;

/** Longer passwords are refused (400) before hashing: hashing cost must stay bounded. */
export const MAX_PASSWORD_LENGTH = 256;

/** The moderation API under `/api/admin` (Bearer token of an owner or admin account). */
export const ADMIN_PATHS = {
  ban: "/api/admin/ban",
  unban: "/api/admin/unban",
  role: "/api/admin/role",
  audit: "/api/admin/audit",
  mute: "/api/admin/mute",
  unmute: "/api/admin/unmute",
} as const;

/**
 * The passkey (WebAuthn) HTTP API under `/api/auth/passkeys` (JSON bodies; documented in the protocol
 * README). Registration needs the Bearer token of an account; sign-in needs none and answers like
 * password login.
 */
export const PASSKEY_PATHS = {
  /** GET (Bearer): the account's passkeys. */
  list: "/api/auth/passkeys",
  /** DELETE `/api/auth/passkeys/:id` (Bearer). */
  one: "/api/auth/passkeys/*",
  registerOptions: "/api/auth/passkey-registration/options",
  registerVerify: "/api/auth/passkey-registration/verify",
  loginOptions: "/api/auth/passkey-login/options",
  loginVerify: "/api/auth/passkey-login/verify",
} as const;

/** Longest passkey label (a name the user gives it for the list). */
export const MAX_PASSKEY_LABEL = 64;

/** A challenge not answered within this long is forgotten (the ceremony's `timeout`). */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000;

/** The private-room API (JSON bodies, `Bearer` token; documented in the protocol README). */
export const ROOM_PATHS = {
  /** `POST {room}`: creates an invite-only room; the caller is its owner and first member. */
  createPrivate: "/api/rooms/private",
  /** `POST {room, user}`: the room's owner or a moderator adds a member. */
  invite: "/api/rooms/invite",
  /** `POST {room, user}`: the room's owner or a moderator removes a member (its sockets leave). */
  remove: "/api/rooms/remove",
  /** `GET ?room=`: a private room's owner and members, for its members and moderators. */
  members: "/api/rooms/members",
} as const;
