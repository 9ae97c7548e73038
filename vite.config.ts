import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP_META } from './electron/transport/csp.ts';

/** Writes the one CSP into index.html's meta tag, so file:// (Electron) and HTTP serve the same policy. */
function csp(): Plugin {
  return { name: 'carddesk-csp', transformIndexHtml: (html) => html.replace('%CARDDESK_CSP%', CSP_META) };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: '../resources/web',
  plugins: [react(), csp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // Two pages: the app, and the customer's screen (docs/customer-screen.md), which carries none of the app.
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        display: fileURLToPath(new URL('./renderer/display.html', import.meta.url)),
      },
    },
  },
});
