import { api } from "../accountsHttp.js";
import type { Actor, World } from "./world.js";

const MODERATORS: readonly Actor[] = ["owner", "admin"];

/** One HTTP moderation request: who may make it (2xx); everyone else gets 401, 403 or 404. */
export interface HttpRow {
  allowed: readonly Actor[];
  /** Returns the status; undoes what it did when allowed, so the next actor finds the same world. */
  run(w: World, actor: Actor): Promise<number>;
}

function call(w: World, actor: Actor, method: string, path: string, body?: unknown) {
  return api(w.nodes.a.httpUrl, method, path, {
    token: w.who[actor].token,
    ...(body !== undefined && { body }),
  });
}

/** As the owner, to restore the world between cells. */
const restore = (w: World, path: string, body: unknown) => call(w, "owner", "POST", path, body);

export const HTTP_TABLE: Record<string, HttpRow> = {
  "create a private room": {
    allowed: ["owner", "admin", "member", "outsider", "muted"],
    run: async (w, actor) =>
      (await call(w, actor, "POST", "/api/rooms/private", { room: `own-${actor}` })).status,
  },
  "invite to the private room": {
    allowed: MODERATORS,
    run: async (w, actor) => {
      const body = { room: w.rooms.private, user: w.who.spare.id };
      const { status } = await call(w, actor, "POST", "/api/rooms/invite", body);
      if (status < 300) await restore(w, "/api/rooms/remove", body);
      return status;
    },
  },
  "remove from the private room": {
    allowed: MODERATORS,
    run: async (w, actor) => {
      const body = { room: w.rooms.private, user: w.who.spare.id };
      await restore(w, "/api/rooms/invite", body);
      const { status } = await call(w, actor, "POST", "/api/rooms/remove", body);
      await restore(w, "/api/rooms/remove", body);
      return status;
    },
  },
  "list the private room's members": {
    allowed: ["owner", "admin", "member", "muted"],
    run: async (w, actor) =>
      (await call(w, actor, "GET", `/api/rooms/members?room=${w.rooms.private}`)).status,
  },
  mute: {
    allowed: MODERATORS,
    run: async (w, actor) => {
      const user = w.who.spare.id;
      const { status } = await call(w, actor, "POST", "/api/admin/mute", {
        user,
        durationMs: 60_000,
      });
      if (status < 300) await restore(w, "/api/admin/unmute", { user });
      return status;
    },
  },
  ban: {
    allowed: MODERATORS,
    run: async (w, actor) => {
      const user = w.who.spare.id;
      const { status } = await call(w, actor, "POST", "/api/admin/ban", { user });
      if (status < 300) await restore(w, "/api/admin/unban", { user });
      return status;
    },
  },
  "change a role": {
    allowed: ["owner"],
    run: async (w, actor) =>
      (
        await call(w, actor, "POST", "/api/admin/role", {
          user: w.who.spare.id,
          role: "member",
        })
      ).status,
  },
  "read the audit log": {
    allowed: MODERATORS,
    run: async (w, actor) => (await call(w, actor, "GET", "/api/admin/audit")).status,
  },
};
