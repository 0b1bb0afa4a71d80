import { COMPARE_PATHS, CompareRunCreated, type CompareMode } from "@duplex/protocol";

/** `POST /api/compare/runs` with the bearer token; undefined on any refusal or failure. */
export async function openRun(
  bearer: string,
  http: (path: string, init: RequestInit) => Promise<Response>,
  mode: CompareMode,
): Promise<CompareRunCreated | undefined> {
  try {
    const res = await http(COMPARE_PATHS.runs, {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: JSON.stringify({ mode }),
    });
    if (!res.ok) return undefined;
    const parsed = CompareRunCreated.safeParse(await res.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
