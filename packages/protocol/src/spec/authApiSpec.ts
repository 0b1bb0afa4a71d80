import { z } from "zod";
import {
  ADMIN_PATHS,
  AUTH_PATHS,
  ApiError,
  AuditResponse,
  BanRequest,
  MuteRequest,
  MuteResponse,
  RoleRequest,
  UnmuteRequest,
  AuthResponse,
  LoginRequest,
  RegisterRequest,
  RenameRequest,
  SessionsResponse,
  MeResponse,
} from "../authApi.js";
import {
  PrivateRoomRequest,
  ROOM_PATHS,
  RoomMemberRequest,
  RoomMembersResponse,
} from "../roomsApi.js";
import { User } from "../fields.js";
import {
  PASSKEY_PATHS,
  PasskeyLoginVerifyRequest,
  PasskeyOptionsResponse,
  PasskeyRegisterVerifyRequest,
  PasskeyRegisteredResponse,
  PasskeysResponse,
} from "../passkeysApi.js";
import type { JsonSchema } from "./jsonSchemas.js";
import { WEB_PUSH_ENDPOINTS } from "./webPushApiSpec.js";

function toDraft7(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: "draft-7", io });
  return rest;
}

interface Endpoint {
  key: string;
  method: "GET" | "POST" | "DELETE";
  path: string;
  title: string;
  request?: z.ZodType;
  response?: z.ZodType;
  /** What `{id}` in the path names, when not a passkey or a session. */
  idDescription?: string;
}

const ENDPOINTS: readonly Endpoint[] = [
  {
    key: "authRegister",
    method: "POST",
    path: AUTH_PATHS.register,
    title:
      "POST /api/auth/register → 201 {user, token, tokenExpiresAt}; 400 weak password or bad name, 409 name taken or already an account. Bearer <guest token>: the guest claims its name, keeping its id",
    request: RegisterRequest,
    response: AuthResponse,
  },
  {
    key: "authLogin",
    method: "POST",
    path: AUTH_PATHS.login,
    title:
      "POST /api/auth/login → 200 {user, token, tokenExpiresAt}; 401 wrong name or password (alike); 429 + Retry-After after 5 failures of one name from one address or 20 from one address in 15 min",
    request: LoginRequest,
    response: AuthResponse,
  },
  {
    key: "authLogout",
    method: "POST",
    path: AUTH_PATHS.logout,
    title:
      "POST /api/auth/logout (Bearer) → 204: the session is revoked and its sockets close with 4401 on every node",
  },
  {
    key: "authSessions",
    method: "GET",
    path: AUTH_PATHS.sessions,
    title: "GET /api/auth/sessions (Bearer) → 200 {sessions}: the devices signed in",
    response: SessionsResponse,
  },
  {
    key: "authRevokeSession",
    method: "DELETE",
    path: `${AUTH_PATHS.sessions}/{id}`,
    title: "DELETE /api/auth/sessions/{id} (Bearer) → 204; 404 not one of yours",
  },
  {
    key: "authRename",
    method: "POST",
    path: AUTH_PATHS.rename,
    title: "POST /api/auth/rename (Bearer, accounts only) → 200 {user}; 409 name taken, 403 guest",
    request: RenameRequest,
    response: z.object({ user: User }),
  },
  {
    key: "authMe",
    method: "GET",
    path: AUTH_PATHS.me,
    title:
      "GET /api/auth/me (Bearer) → 200 {user, role, guest}: who the token belongs to; 401 missing, invalid or revoked token",
    response: MeResponse,
  },
  {
    key: "authPasskeyRegisterOptions",
    method: "POST",
    path: PASSKEY_PATHS.registerOptions,
    title:
      "POST /api/auth/passkey-registration/options (Bearer, accounts) → 200 {options} for navigator.credentials.create; 403 guest; 429 too many attempts from this address",
    response: PasskeyOptionsResponse,
  },
  {
    key: "authPasskeyRegisterVerify",
    method: "POST",
    path: PASSKEY_PATHS.registerVerify,
    title:
      "POST /api/auth/passkey-registration/verify (Bearer, accounts) → 201 {passkey}; 400 unknown or expired challenge, wrong origin or RP id, bad attestation; 409 already registered",
    request: PasskeyRegisterVerifyRequest,
    response: PasskeyRegisteredResponse,
  },
  {
    key: "authPasskeyLoginOptions",
    method: "POST",
    path: PASSKEY_PATHS.loginOptions,
    title:
      "POST /api/auth/passkey-login/options → 200 {options} for navigator.credentials.get (discoverable credentials); 429 + Retry-After when this address is out of sign-in attempts",
    response: PasskeyOptionsResponse,
  },
  {
    key: "authPasskeyLoginVerify",
    method: "POST",
    path: PASSKEY_PATHS.loginVerify,
    title:
      "POST /api/auth/passkey-login/verify → 200 {user, token, tokenExpiresAt} like login; 401 unknown passkey or failed check (charged to the address's sign-in budget); 403 banned; 429 + Retry-After",
    request: PasskeyLoginVerifyRequest,
    response: AuthResponse,
  },
  {
    key: "authPasskeys",
    method: "GET",
    path: PASSKEY_PATHS.list,
    title: "GET /api/auth/passkeys (Bearer) → 200 {passkeys}, newest first",
    response: PasskeysResponse,
  },
  {
    key: "authRemovePasskey",
    method: "DELETE",
    path: `${PASSKEY_PATHS.list}/{id}`,
    title: "DELETE /api/auth/passkeys/{id} (Bearer) → 204; 404 not one of yours",
  },
  {
    key: "adminBan",
    method: "POST",
    path: ADMIN_PATHS.ban,
    title:
      "POST /api/admin/ban (Bearer, owner or admin) → 204: sessions revoked, every socket of the user closes with 4403 on every node; 403 not allowed, 404 unknown user",
    request: BanRequest,
  },
  {
    key: "adminUnban",
    method: "POST",
    path: ADMIN_PATHS.unban,
    title: "POST /api/admin/unban (Bearer, owner or admin) → 204",
    request: BanRequest,
  },
  {
    key: "adminRole",
    method: "POST",
    path: ADMIN_PATHS.role,
    title: "POST /api/admin/role (Bearer, owner) → 204; 409 for a guest",
    request: RoleRequest,
  },
  {
    key: "adminAudit",
    method: "GET",
    path: ADMIN_PATHS.audit,
    title: "GET /api/admin/audit (Bearer, owner or admin) → 200 {entries}, newest first",
    response: AuditResponse,
  },
  {
    key: "adminMute",
    method: "POST",
    path: ADMIN_PATHS.mute,
    title:
      "POST /api/admin/mute (Bearer, owner or admin) → 200 {until}: the user's sends and edits in room (or everywhere) answer `muted` until then; 403 not allowed",
    request: MuteRequest,
    response: MuteResponse,
  },
  {
    key: "adminUnmute",
    method: "POST",
    path: ADMIN_PATHS.unmute,
    title: "POST /api/admin/unmute (Bearer, owner or admin) → 204; 404 not muted",
    request: UnmuteRequest,
  },
  {
    key: "roomsCreatePrivate",
    method: "POST",
    path: ROOM_PATHS.createPrivate,
    title:
      "POST /api/rooms/private (Bearer, accounts) → 201 {room, owner}: an invite-only room; 409 name exists, 403 guest",
    request: PrivateRoomRequest,
    response: z.object({ room: z.string(), owner: z.string() }),
  },
  {
    key: "roomsInvite",
    method: "POST",
    path: ROOM_PATHS.invite,
    title: "POST /api/rooms/invite (Bearer, the room's owner or a moderator) → 204",
    request: RoomMemberRequest,
  },
  {
    key: "roomsRemove",
    method: "POST",
    path: ROOM_PATHS.remove,
    title:
      "POST /api/rooms/remove (Bearer, the room's owner or a moderator) → 204: the member's sockets leave the room on every node (unasked `left`)",
    request: RoomMemberRequest,
  },
  {
    key: "roomsMembers",
    method: "GET",
    path: ROOM_PATHS.members,
    title: "GET /api/rooms/members?room= (Bearer, members and moderators) → 200; 404 otherwise",
    response: RoomMembersResponse,
  },
  ...WEB_PUSH_ENDPOINTS,
];

/** Channels, operations and messages of the account HTTP API, merged into the AsyncAPI document. */
export function authApiSpec(): {
  channels: JsonSchema;
  operations: JsonSchema;
  messages: JsonSchema;
} {
  const channels: JsonSchema = {};
  const operations: JsonSchema = {};
  const messages: JsonSchema = {
    "http.apiError": {
      name: "apiError",
      contentType: "application/json",
      payload: toDraft7(ApiError, "output"),
    },
  };
  for (const e of ENDPOINTS) {
    const channelMessages: JsonSchema = {
      error: { $ref: "#/components/messages/http.apiError" },
    };
    const bodies = [
      ["request", "Request", e.request, "input"],
      ["response", "Response", e.response, "output"],
    ] as const;
    for (const [part, suffix, schema, io] of bodies) {
      if (!schema) continue;
      const name = `${e.key}${suffix}`;
      messages[`http.${name}`] = {
        name,
        contentType: "application/json",
        payload: toDraft7(schema, io),
      };
      channelMessages[part] = { $ref: `#/components/messages/http.${name}` };
    }
    channels[e.key] = {
      address: e.path,
      title: e.title,
      servers: [{ $ref: "#/servers/http" }],
      messages: channelMessages,
      ...(e.path.includes("{id}") && {
        parameters: {
          id: {
            description:
              e.idDescription ??
              (e.path.startsWith(PASSKEY_PATHS.list)
                ? "A passkey id from GET /api/auth/passkeys"
                : "A session id from GET /api/auth/sessions"),
          },
        },
      }),
    };
    const ref = (m: string) => ({ $ref: `#/channels/${e.key}/messages/${m}` });
    operations[e.key] = {
      action: "receive",
      title: e.title,
      channel: { $ref: `#/channels/${e.key}` },
      messages: e.request ? [ref("request")] : [],
      bindings: { http: { method: e.method, bindingVersion: "0.3.0" } },
      reply: {
        channel: { $ref: `#/channels/${e.key}` },
        messages: [...(e.response ? [ref("response")] : []), ref("error")],
      },
    };
  }
  return { channels, operations, messages };
}
