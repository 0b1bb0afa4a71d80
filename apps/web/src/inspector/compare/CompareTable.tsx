import type { ReactNode } from "react";
import { ColumnHeads, type HeadingKey } from "../../components/ColumnHeads.js";

/** A captioned comparison table, its rows the children, in a scroll region named by the caption. */
export function CompareTable({
  caption,
  columns,
  className,
  children,
}: {
  caption: string;
  columns: readonly HeadingKey[];
  /** Beside `compare-scroll`, on the region. */
  className?: string;
  children: ReactNode;
}) {
  return (
    // Focusable, so a keyboard user can scroll a table wider than a phone.
    <div
      className={className === undefined ? "compare-scroll" : `compare-scroll ${className}`}
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <table className="inspector-kv compare-table">
        <caption>{caption}</caption>
        <ColumnHeads keys={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
