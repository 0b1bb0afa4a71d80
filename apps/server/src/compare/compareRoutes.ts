import type { IncomingMessage, ServerResponse } from "node:http";
import {
  COMPARE_LIMITS,
  COMPARE_PATHS,
  CompareRunRequest,
  type CompareRunCreated,
} from "@duplex/protocol";
import { parse } from "../accounts/apiRequest.js";
import { authenticate } from "../accounts/authApi.js";
import { HttpError, readJson, sendFailure, sendJson } from "../http/jsonApi.js";
import type { Route } from "../http/route.js";
import { addressKey } from "../limits/addressKey.js";
import type { Logger } from "../logger.js";
import type { Sessions } from "../session/Sessions.js";
import { readText } from "../sse/readText.js";
import type { CompareRun } from "./CompareRun.js";
import type { CompareRuns } from "./CompareRuns.js";

export interface CompareRoutesDeps {
  runs: CompareRuns;
  sessions: Sessions;
  log: Logger;
}

const SUB = /^\/api\/compare\/runs\/([A-Za-z0-9_-]{1,64})\/(sse|send|poll|report)$/;

function requireMethod(req: IncomingMessage, method: string): void {
  if (req.method !== method) throw new HttpError(405, `use ${method}`, { allow: method });
}

async function create(deps: CompareRoutesDeps, req: IncomingMessage, res: ServerResponse) {
  requireMethod(req, "POST");
  const { userId } = await authenticate(deps, req);
  const { mode } = parse(CompareRunRequest, await readJson(req));
  const address = addressKey(req.socket.remoteAddress ?? "unknown");
  const run = deps.runs.open({ userId, address }, mode);
  if ("refused" in run) {
    const retry: Record<string, string> = {};
    if (run.retryAfterMs !== undefined)
      retry["retry-after"] = `${Math.ceil(run.retryAfterMs / 1000)}`;
    throw new HttpError(run.status, run.refused, retry);
  }
  const body: CompareRunCreated = {
    id: run.id,
    mode,
    maxMessages: COMPARE_LIMITS.maxMessages,
    expiresInMs: deps.runs.limits.maxRunMs,
  };
  sendJson(res, 201, body);
}

/** One request of a run, counted on the run's meter (the report itself is not). */
async function sub(run: CompareRun, what: string, req: IncomingMessage, res: ServerResponse) {
  if (what === "report") {
    requireMethod(req, "GET");
    const report = run.report();
    run.close();
    sendJson(res, 200, report);
    return;
  }
  run.meter.request(req, res);
  const http = run.mode === "sse" || run.mode === "longpoll" || run.mode === "shortpoll";
  if (!http) throw new HttpError(409, `a ${run.mode} run has no ${what}`);
  if (what === "send") {
    requireMethod(req, "POST");
    // Read in the same tick as the meter's own listener, so no chunk is missed by either.
    const text = await readText(req, COMPARE_LIMITS.maxMessageBytes);
    if (!run.accept(text))
      throw new HttpError(429, `a run takes ${COMPARE_LIMITS.maxMessages} messages`);
    run.echo(text);
    res.writeHead(204, { "cache-control": "no-store" }).end();
    return;
  }
  requireMethod(req, "GET");
  if (what === "sse") {
    if (run.mode !== "sse") throw new HttpError(409, "not an SSE run");
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      // Through nginx, a buffered stream would arrive in bursts and skew the figures.
      "x-accel-buffering": "no",
    });
    res.flushHeaders();
    run.attachStream(res);
    return;
  }
  if (run.mode === "sse") throw new HttpError(409, "an SSE run has no poll");
  const hold = new URL(req.url ?? "/", "http://localhost").searchParams.get("wait") === "1";
  run.poll(res, hold && run.mode === "longpoll");
}

/**
 * The comparison's HTTP side: `POST /api/compare/runs` (a signed-in user opens a run) and the run's
 * `sse`, `send`, `poll` and `report`, found by the run's unguessable id.
 */
export function compareRoutes(deps: CompareRoutesDeps): [string, Route][] {
  const fail = (req: IncomingMessage, res: ServerResponse) => (err: unknown) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendFailure(req, res, err, (e) => deps.log.error({ err: e }, "compare API failed"));
  };
  return [
    [COMPARE_PATHS.runs, (req, res) => void create(deps, req, res).catch(fail(req, res))],
    [
      `${COMPARE_PATHS.runs}/**`,
      (req, res) => {
        const path = new URL(req.url ?? "/", "http://localhost").pathname;
        const match = SUB.exec(path);
        const run = match?.[1] === undefined ? undefined : deps.runs.get(match[1]);
        if (!match?.[2] || !run) {
          sendJson(res, 404, { error: "no such comparison run (ended or never opened)" });
          return;
        }
        sub(run, match[2], req, res).catch(fail(req, res));
      },
    ],
  ];
}
