import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App.js";
import { appStore } from "./store/appStore.js";
import { StoreProvider } from "./store/storeContext.js";
import "./styles.css";
import "./styles/chat-features.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <StoreProvider store={appStore}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
