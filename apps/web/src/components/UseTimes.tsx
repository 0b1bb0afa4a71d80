import { DateTime } from "../i18n/DateTime.js";

/** When an account's credential (a signed-in device, a passkey) was created and last used. */
export function UseTimes({
  labels,
  createdAt,
  lastUsedAt,
}: {
  /** `never` stands in for a last use that has not happened. */
  labels: { created: string; lastUsed: string; never?: string };
  createdAt: number;
  lastUsedAt: number | undefined;
}) {
  return (
    <dl className="session-times">
      <dt>{labels.created}</dt>
      <dd>
        <DateTime ts={createdAt} />
      </dd>
      <dt>{labels.lastUsed}</dt>
      <dd>{lastUsedAt === undefined ? labels.never : <DateTime ts={lastUsedAt} />}</dd>
    </dl>
  );
}
