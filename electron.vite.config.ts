/** electron-vite build: main and the CLI (Node, deps external), preload (one self-contained CJS file), renderer (React). */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Runtime dependencies (SQLCipher, argon2, zod…) stay in node_modules: the native ones
      // cannot be bundled, and electron-builder ships production dependencies beside the app.
      externalizeDeps: true,
      rolldownOptions: {
        // The CLI is built beside the app: bin/strongroom.cjs runs it with Node, the app binary
        // dispatches to it (electron/main/cli-dispatch.ts).
        // The import's seal worker is an entry of its own (out/main/seal-worker.js): a thread
        // loads it by path (electron/core/cases/seal-pool.ts).
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          cli: resolve(root, 'electron/cli/main.ts'),
          'seal-worker': resolve(root, 'electron/core/cases/seal-worker.ts'),
        },
        output: { format: 'cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can `require('electron')` and nothing else: inline every dependency.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // antd is one large chunk on purpose: the app loads from disk, never from a network.
      chunkSizeWarningLimit: 4000,
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
      },
    },
  },
});
