// First: the CSP has no 'unsafe-eval', so zod must not even probe for it (a caught probe still reports).
import "./strictCsp.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App.js";
import { localeStore } from "./i18n/localeStore.js";
import { appStore, client } from "./store/appStore.js";
import { SearchProvider } from "./search/searchContext.js";
import { StoreProvider } from "./store/storeContext.js";
import { browserPushEnvironment } from "./webpush/deviceSubscription.js";
import { PushEnvironmentProvider } from "./webpush/pushEnvironmentContext.js";
import { startServiceWorker } from "./webpush/serviceWorkerClient.js";
import { reportVisibility } from "./webpush/visibility.js";
import "./styles.css";
import "./styles/chat-features.css";
import "./styles/search.css";
import "./styles/receipts.css";

startServiceWorker(appStore, import.meta.env.PROD);
const pushEnvironment = browserPushEnvironment(() => client.token);
reportVisibility(client);
import "./styles/reactions.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// A Chinese reader's strings are a separate chunk: wait for it rather than flash English first.
void localeStore.ready.then(() => {
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={appStore}>
        <SearchProvider search={(query, options) => client.search(query, options)}>
          <PushEnvironmentProvider environment={pushEnvironment}>
            <App />
          </PushEnvironmentProvider>
        </SearchProvider>
      </StoreProvider>
    </StrictMode>,
  );
});
