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

/**
 * The Web Push HTTP API (JSON bodies; documented in the protocol README). The browser asks for the
 * server's VAPID public key, subscribes with its push service, and hands the subscription over with
 * its session's Bearer token; the server then pushes a user's notifications to each of their devices
 * while no tab of theirs is visible.
 */
export const WEB_PUSH_PATHS = {
  /** GET: `{publicKey}` (no token needed: the key is public). */
  vapid: "/api/push/vapid",
  /** POST (Bearer) a `PushSubscription.toJSON()` → 201; DELETE (Bearer) `{endpoint}` → 204. */
  subscriptions: "/api/push/subscriptions",
  /** GET `/api/admin/push-devices/:userId` (Bearer, owner or admin): a user's devices. */
  adminDevices: "/api/admin/push-devices/*",
} as const;

/** Bounds on what a client can make the server keep and send. */
export const WEB_PUSH_LIMITS = {
  /** Devices (subscriptions) one user may keep; registering one more answers 409. */
  maxSubscriptionsPerUser: 10,
  /** Longest endpoint URL (FCM's are ~190 chars, Mozilla's ~250, Apple's ~200). */
  maxEndpointLength: 1024,
  /** The client's P-256 public key: 65 bytes → 87 base64url characters (a little room for padding). */
  maxP256dhLength: 100,
  /** The 16-byte auth secret → 22 base64url characters. */
  maxAuthLength: 44,
  /** Largest payload the server sends (the push services' common limit is 4096 bytes, encrypted). */
  maxPayloadBytes: 3072,
} as const;
