import type { en, MessageKey } from "../i18n/en.js";
import { useT } from "../i18n/useT.js";

/** A dictionary key whose entry is plain text, not a plural: what a column heading can be. */
export type HeadingKey = {
  [K in MessageKey]: (typeof en)[K] extends string ? K : never;
}[MessageKey];

/** A table's header row: one column heading per key, in order. */
export function ColumnHeads({ keys }: { keys: readonly HeadingKey[] }) {
  const t = useT();
  return (
    <thead>
      <tr>
        {keys.map((key) => (
          <th scope="col" key={key}>
            {t(key)}
          </th>
        ))}
      </tr>
    </thead>
  );
}
