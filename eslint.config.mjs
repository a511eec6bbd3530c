// Lint: strict TypeScript plus the layer rules that keep core, main, preload, renderer and shared apart.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

const root = import.meta.dirname;

/** An npm package as the resolver finds it: its own folder, or its DefinitelyTyped types for a type-only import. */
const pkg = (name) => [`node_modules/${name}`, `node_modules/@types/${name}`];

/**
 * The layers, checked on the path each import resolves to (extensionless `.ts`, `index.ts`,
 * `export … from`, `import()`, `require()`), so `../../main/window` is caught wherever it is
 * written from and `../permissions` inside shared/ is not. Folders are the boundaries; `from`
 * and `except` are relative to the repository root. Node builtins resolve to no file: they are
 * `import-x/no-nodejs-modules`'s job.
 */
const layerZones = [
  {
    target: 'electron/core',
    from: ['electron/main', 'electron/preload', 'electron/cli', 'renderer', 'tests'],
    message: 'electron/core is pure Node: main, the preload and the CLI import the core, never the reverse.',
  },
  {
    target: 'electron/core',
    from: [...pkg('electron'), ...pkg('react'), ...pkg('react-dom'), ...pkg('antd')],
    message: 'electron/core is pure Node: no Electron, no UI code.',
  },
  {
    target: 'shared',
    from: '.',
    except: ['shared', 'node_modules'],
    message: 'shared/ imports nothing of ours outside shared/.',
  },
  {
    target: 'shared',
    from: [...pkg('electron'), ...pkg('react'), ...pkg('react-dom')],
    message: 'shared/ has no Node, DOM or Electron APIs.',
  },
  {
    target: 'electron/preload',
    from: '.',
    except: ['electron/preload', 'shared', 'node_modules/electron'],
    message: 'The sandboxed preload only bridges the contract: shared/ and the electron package, nothing else.',
  },
  {
    target: 'renderer',
    from: '.',
    except: ['renderer', 'shared', 'node_modules'],
    message: 'The renderer talks to main only through window.strongroom: it imports shared/ and itself.',
  },
  {
    target: 'renderer',
    from: pkg('electron'),
    message: 'The renderer has no Node or Electron APIs.',
  },
  {
    target: 'electron/main',
    from: ['renderer', 'tests'],
    message: 'Main never imports the renderer or the tests.',
  },
  {
    target: ['electron/main/!(cli-dispatch).ts', 'electron/main/*/**'],
    from: 'electron/cli',
    message: 'Main reaches the CLI only in cli-dispatch.ts (the app binary answering CLI commands).',
  },
  {
    target: 'electron/main/cli-dispatch.ts',
    from: 'electron/cli',
    except: ['./run.ts'],
    message: 'cli-dispatch.ts hands arguments to the CLI entry, run(), and nothing else of the CLI.',
  },
  {
    target: 'electron/cli',
    from: ['electron/main', 'electron/preload', 'renderer', 'tests', ...pkg('electron')],
    message: 'The CLI is plain Node over the core: no Electron, main, preload or renderer.',
  },
];

/** The folders the layer rules govern (everything a zone above targets). */
const layeredFiles = [
  'electron/**/*.{ts,tsx,js,mjs,cjs}',
  'shared/**/*.{ts,tsx,js,mjs,cjs}',
  'renderer/**/*.{ts,tsx,js,mjs,cjs}',
];

export default tseslint.config(
  {
    ignores: [
      '.tmp/**',
      '.tsbuild/**',
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'bin/**',
      'build/**',
      'scripts/**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.node.json',
          './tsconfig.main.json',
          './tsconfig.preload.json',
          './tsconfig.renderer.json',
          './tsconfig.e2e.json',
        ],
        tsconfigRootDir: root,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Debtor data renders as text only.' },
      ],
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  {
    // Layer rules, on resolved paths. An import that does not resolve could slip past a zone, so
    // in the layered folders it is an error of its own (type-only imports are tsc's to check).
    files: layeredFiles,
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          tsconfig: { configFile: path.join(root, 'tsconfig.json') },
          alwaysTryTypes: true,
          // Keep a package at node_modules/<name>, as the zones name it, whatever the install layout.
          symlinks: false,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones }],
      'import-x/no-unresolved': ['error', { commonjs: true }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-console': 'error',
    },
  },
  {
    // Sandboxed preload, browser renderer, runtime-agnostic shared/: no Node builtins, by any import form.
    files: ['shared/**/*.ts', 'electron/preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-nodejs-modules': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain'], message: 'ipcMain is used only in electron/main/ipc.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
