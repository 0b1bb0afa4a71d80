import {
  ADMIN_PATHS,
  AUTH_PATHS,
  ROOM_PATHS,
  WEB_PUSH_PATHS,
  isDmRoom,
  type BanRequest,
  type MuteRequest,
  type RoomMemberRequest,
  type UnmuteRequest,
  type UserRole,
} from "@duplex/protocol";
import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState, HttpCall } from "./state.js";

const schemas = () => import("./responseSchemas.js");

import type { ModerationActions, ModerationResult, ModerationSlice } from "./state.js";
export type { ModerationActions, ModerationResult, ModerationSlice };

export const initialModeration: ModerationSlice = { manages: {} };

type Store = StoreApi<DuplexState>;

function setModeration(store: Store, patch: (m: ModerationSlice) => Partial<ModerationSlice>) {
  store.setState((s) => ({ moderation: { ...s.moderation, ...patch(s.moderation) } }));
}

async function errorOf(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => undefined);
  if (typeof body === "object" && body !== null && "error" in body) return String(body.error);
  return `HTTP ${response.status}`;
}

export function createModerationActions(
  client: ChatClient,
  store: () => Store,
  http: HttpCall,
): ModerationActions {
  const asked = new Set<string>();
  let userId: string | undefined;
  let role: Promise<UserRole | undefined> | undefined;
  // Another account signed in on this page: what was asked for the last one no longer holds (the
  // reducer resets the slice when the user changes).
  function forCurrentUser(): void {
    const id = store().getState().session.user?.id;
    if (id === userId) return;
    userId = id;
    asked.clear();
    role = undefined;
  }
  const bearer = (): Record<string, string> =>
    client.token === undefined ? {} : { authorization: `Bearer ${client.token}` };

  async function post(
    path: string,
    body: MuteRequest | UnmuteRequest | BanRequest | RoomMemberRequest,
  ): Promise<ModerationResult> {
    try {
      const response = await http(path, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer() },
        body: JSON.stringify(body),
      });
      return response.ok
        ? { ok: true as const }
        : { ok: false as const, error: await errorOf(response) };
    } catch (err) {
      return { ok: false as const, error: err instanceof Error ? err.message : String(err) };
    }
  }

  async function askRole(): Promise<UserRole | undefined> {
    const response = await http(AUTH_PATHS.me, { method: "GET", headers: bearer() });
    const { MeResponse } = await schemas();
    const parsed = response.ok ? MeResponse.safeParse(await response.json()) : undefined;
    const known = parsed?.success === true ? parsed.data.role : undefined;
    setModeration(store(), () => ({
      role: known,
      moderator: known === "owner" || known === "admin",
    }));
    return known;
  }

  function loadRole(): Promise<UserRole | undefined> {
    forCurrentUser();
    if (client.token === undefined) return Promise.resolve(undefined);
    // One request however many panels ask at once; a network failure may be asked again.
    role ??= askRole().catch((err: unknown) => {
      role = undefined;
      throw err;
    });
    return role;
  }

  return {
    loadRole: () => loadRole().catch(() => undefined),
    async loadModeration(room) {
      forCurrentUser();
      if (client.token === undefined || isDmRoom(room) || asked.has(room)) return;
      asked.add(room);
      try {
        await loadRole();
        const url = `${ROOM_PATHS.members}?room=${encodeURIComponent(room)}`;
        const response = await http(url, { method: "GET", headers: bearer() });
        // 404: a public room, or a private one we are not in; nobody removes members there.
        if (!response.ok) return;
        const { RoomMembersResponse } = await schemas();
        const parsed = RoomMembersResponse.safeParse(await response.json());
        if (!parsed.success) return;
        const { moderation, session } = store().getState();
        const manages = moderation.moderator === true || parsed.data.owner === session.user?.id;
        setModeration(store(), (m) => ({ manages: { ...m.manages, [room]: manages } }));
      } catch {
        asked.delete(room); // a network failure may be asked again next time the panel shows
      }
    },
    muteMember(room, user, durationMs) {
      return post(ADMIN_PATHS.mute, { user, room, durationMs });
    },
    unmuteMember(room, user) {
      return post(ADMIN_PATHS.unmute, { user, room });
    },
    banMember(user) {
      return post(ADMIN_PATHS.ban, { user });
    },
    unbanMember(user) {
      return post(ADMIN_PATHS.unban, { user });
    },
    removeMember(room, user) {
      return post(ROOM_PATHS.remove, { room, user });
    },
    inviteMember(room, user) {
      return post(ROOM_PATHS.invite, { room, user });
    },
    async pushDevices(user) {
      try {
        const path = WEB_PUSH_PATHS.adminDevices.replace("*", encodeURIComponent(user));
        const response = await http(path, { method: "GET", headers: bearer() });
        if (!response.ok) return undefined;
        const { PushDevicesResponse } = await schemas();
        return PushDevicesResponse.safeParse(await response.json()).data?.devices;
      } catch {
        return undefined;
      }
    },
  };
}
