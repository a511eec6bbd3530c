/** Plain Vite build of the renderer (`npm run build:renderer`), the same output electron-vite makes. */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // antd is one large chunk on purpose: the app loads from disk, never from a network.
    chunkSizeWarningLimit: 4000,
  },
});
