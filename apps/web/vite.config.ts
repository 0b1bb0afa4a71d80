import { defineConfig, defaultClientConditions } from "vite";
import react from "@vitejs/plugin-react";
import { serviceWorker } from "./serviceWorkerPlugin.js";

// The browser talks to one origin: in dev, Vite proxies the WebSocket and HTTP routes to the server.
const serverTarget = `http://127.0.0.1:${process.env.DUPLEX_SERVER_PORT ?? 8080}`;

export default defineConfig({
  plugins: [react(), serviceWorker("src/webpush/sw.ts")],
  // Workspace packages resolve to their TypeScript sources, so `pnpm dev` needs no build of them first.
  resolve: { conditions: ["duplex-source", ...defaultClientConditions] },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/ws": { target: serverTarget, ws: true },
      "/healthz": { target: serverTarget },
      "/api/compare": { target: serverTarget, ws: true },
      "/api": { target: serverTarget },
      "/sse": { target: serverTarget },
      "/files": { target: serverTarget },
    },
  },
  build: { outDir: "dist", emptyOutDir: true },
});
