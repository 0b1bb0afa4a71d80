import { ADMIN_PATHS, AUTH_PATHS } from "@duplex/protocol";
import type { HttpCall } from "./state.js";

const schemas = () => import("./responseSchemas.js");

export type { AccountApi, ApiResult, AuditEntry } from "./state.js";
import type { AccountApi, ApiResult } from "./state.js";

/** The account API calls of a signed-in user, carrying the client's current token. */
export function createAccountApi(token: () => string | undefined, http: HttpCall): AccountApi {
  async function get<T>(
    path: string,
    parse: (body: unknown) => Promise<T | undefined>,
  ): Promise<ApiResult<T>> {
    const bearer = token();
    if (bearer === undefined) return { ok: false, problem: "failed" };
    try {
      const response = await http(path, { headers: { authorization: `Bearer ${bearer}` } });
      if (response.status === 403) return { ok: false, problem: "forbidden" };
      if (!response.ok) return { ok: false, problem: "failed" };
      const value = await parse(await response.json());
      return value === undefined ? { ok: false, problem: "failed" } : { ok: true, value };
    } catch {
      return { ok: false, problem: "failed" };
    }
  }

  async function revoke(id: string): Promise<boolean> {
    const bearer = token();
    if (bearer === undefined) return false;
    try {
      const path = `${AUTH_PATHS.sessions}/${encodeURIComponent(id)}`;
      const response = await http(path, {
        method: "DELETE",
        headers: { authorization: `Bearer ${bearer}` },
      });
      // 404: already gone, which is what the user wanted.
      return response.ok || response.status === 404;
    } catch {
      return false;
    }
  }

  const listSessions = () =>
    get(
      AUTH_PATHS.sessions,
      async (body) => (await schemas()).SessionsResponse.safeParse(body).data?.sessions,
    );

  return {
    listSessions,
    revokeSession: revoke,
    async revokeOtherSessions() {
      const list = await listSessions();
      if (!list.ok) return false;
      const others = list.value.filter((s) => !s.current);
      const done = await Promise.all(others.map((s) => revoke(s.id)));
      return done.every(Boolean);
    },
    auditLog: () =>
      get(
        ADMIN_PATHS.audit,
        async (body) => (await schemas()).AuditResponse.safeParse(body).data?.entries,
      ),
  };
}
