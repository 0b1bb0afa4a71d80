import { useShallow } from "zustand/react/shallow";
import { useDuplex } from "../store/storeContext.js";
import { useT } from "../i18n/useT.js";
import { InspectorSection } from "./InspectorSection.js";

function Row({ name, value }: { name: string; value: string | number | undefined }) {
  const t = useT();
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <code>{value ?? t("inspector.noneHeader")}</code>
      </td>
    </tr>
  );
}

/** The upgrade request the server received and its 101, with the Accept checked in the browser. */
export function HandshakeSection() {
  const t = useT();
  const { handshake, computed } = useDuplex(
    useShallow((s) => ({ handshake: s.inspector.handshake, computed: s.inspector.computedAccept })),
  );
  const matches = computed !== undefined && computed === handshake?.response.secWebSocketAccept;
  return (
    <InspectorSection
      name="handshake"
      title={t("inspector.handshakeTitle")}
      intro={t("inspector.handshakeIntro")}
    >
      {!handshake ? (
        <p>{t("inspector.handshakeWaiting")}</p>
      ) : (
        <>
          <table className="inspector-kv" aria-label={t("inspector.handshakeRequest")}>
            <caption>{t("inspector.handshakeRequest")}</caption>
            <tbody>
              <Row
                name={t("inspector.handshakeRequestLine")}
                value={`${handshake.request.method} ${handshake.request.path}`}
              />
              <Row name="Upgrade" value={handshake.request.upgrade} />
              <Row name="Connection" value={handshake.request.connection} />
              <Row name="Sec-WebSocket-Key" value={handshake.request.secWebSocketKey} />
              <Row name="Sec-WebSocket-Version" value={handshake.request.secWebSocketVersion} />
              <Row name="Sec-WebSocket-Protocol" value={handshake.request.secWebSocketProtocol} />
              <Row name="Origin" value={handshake.request.origin} />
            </tbody>
          </table>
          <table className="inspector-kv" aria-label={t("inspector.handshakeResponse")}>
            <caption>{t("inspector.handshakeResponse")}</caption>
            <tbody>
              <Row name={t("inspector.handshakeStatus")} value={handshake.response.status} />
              <Row name="Sec-WebSocket-Accept" value={handshake.response.secWebSocketAccept} />
              <Row name="Sec-WebSocket-Protocol" value={handshake.response.protocol} />
              <Row name="Sec-WebSocket-Extensions" value={handshake.response.extensions} />
              <Row name={t("inspector.acceptComputed")} value={computed} />
            </tbody>
          </table>
          {computed !== undefined && (
            <p
              role="status"
              className={matches ? "inspector-ok" : "inspector-bad"}
              data-testid="accept-check"
            >
              {matches ? t("inspector.acceptMatches") : t("inspector.acceptDiffers")}
            </p>
          )}
        </>
      )}
    </InspectorSection>
  );
}
