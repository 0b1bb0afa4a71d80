/** Why an upload failed, as a dictionary key the upload list shows. */
export type UploadProblem =
  | "files.tooLarge"
  | "files.quota"
  | "files.notAllowed"
  | "files.tooFast"
  | "files.offline"
  | "files.unavailable"
  | "files.failed";

function codeOf(detail: unknown): string | undefined {
  if (typeof detail === "string") return detail;
  if (typeof detail !== "object" || detail === null) return undefined;
  const { code, error } = detail as { code?: unknown; error?: unknown };
  if (typeof code === "string") return code;
  // An `error` server message nested in the failure.
  return error === undefined ? undefined : codeOf(error);
}

/**
 * The words for a failed upload, from whatever the client reported: an error code (`too_large`,
 * a quota code, `unauthorized`…) or an `error` message carrying one. Unknown codes read as a plain
 * failure, so a newer server's code never shows as nothing.
 */
export function uploadProblem(detail: unknown): UploadProblem {
  const code = codeOf(detail);
  if (code === undefined) return "files.failed";
  if (code === "too_large") return "files.tooLarge";
  if (code.includes("quota")) return "files.quota";
  if (code === "unauthorized" || code === "not_allowed" || code === "forbidden") {
    return "files.notAllowed";
  }
  if (code === "rate_limited") return "files.tooFast";
  // The client's word for a link that cannot carry uploads (no `files` capability).
  if (code === "unsupported_data") return "files.unavailable";
  if (code === "disconnected" || code === "offline") return "files.offline";
  return "files.failed";
}
