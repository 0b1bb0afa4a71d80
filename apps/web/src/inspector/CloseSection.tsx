import { CloseCode, isRetryable } from "@duplex/protocol";
import { useState } from "react";
import { useActions, useDuplex } from "../store/storeContext.js";
import { finalClose } from "./inspectorSlice.js";
import type { Translate } from "../i18n/translate.js";
import { useT } from "../i18n/useT.js";
import { closeCodeKey, formatFinalCode } from "./inspectorFormat.js";
import { ColumnHeads } from "../components/ColumnHeads.js";
import { InspectorSection } from "./InspectorSection.js";

/** An application close code: 4000, the first of the private range (RFC 6455 §7.4.2). */
export const APP_CLOSE_CODE = 4000;

// Every code, each with a meaning in every language (`closeCodeKey` requires one per code).
const TABLE_CODES: readonly CloseCode[] = Object.values(CloseCode);

function reconnects(code: number, t: Translate): string {
  if (code === CloseCode.Normal) return t("inspector.reconnectsAfterUserClose");
  return isRetryable(code) ? t("inspector.yes") : t("inspector.no");
}

/** Which codes make the client reconnect, decided by the protocol's one `isRetryable`. */
function CloseCodeTable() {
  const t = useT();
  return (
    <table className="inspector-codes" aria-label={t("inspector.codesTitle")}>
      <ColumnHeads
        keys={["inspector.colCode", "inspector.colMeaning", "inspector.colReconnects"]}
      />
      <tbody>
        {TABLE_CODES.map((code) => (
          <tr key={code}>
            <th scope="row">{code}</th>
            <td>
              {t(closeCodeKey(code))}
              {code === CloseCode.Abnormal && <em> ({t("inspector.never")})</em>}
            </td>
            <td>{reconnects(code, t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Buttons that start the close handshake, the final code, and the close-code table. */
export function CloseSection() {
  const t = useT();
  const [reason, setReason] = useState("bye");
  const close = useDuplex((s) => finalClose(s.inspector));
  const { closeWithCode } = useActions();
  // Closed already: another close has nothing to close (reconnect from the header first).
  const closed = useDuplex(
    (s) => s.connection.status === "closed" || s.connection.status === "idle",
  );
  return (
    <InspectorSection
      name="close"
      title={t("inspector.closeTitle")}
      intro={t("inspector.closeIntro")}
    >
      <div className="inspector-toolbar">
        <label>
          {t("inspector.reasonLabel")}{" "}
          <input
            value={reason}
            maxLength={100}
            onChange={(e) => setReason(e.target.value)}
            className="inspector-reason"
          />
        </label>
        <button
          type="button"
          className="button-secondary"
          disabled={closed}
          onClick={() => closeWithCode(1000, reason)}
        >
          {t("inspector.closeNormal")}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={closed}
          onClick={() => closeWithCode(APP_CLOSE_CODE, reason)}
        >
          {t("inspector.closeApp", { code: APP_CLOSE_CODE })}
        </button>
      </div>
      <p role="status" data-testid="final-close">
        {formatFinalCode(t, close?.code, close?.reason ?? "")}
      </p>
      <h4>{t("inspector.codesTitle")}</h4>
      <p className="inspector-intro">{t("inspector.codesIntro")}</p>
      <CloseCodeTable />
    </InspectorSection>
  );
}
