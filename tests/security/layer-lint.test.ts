/**
 * The layer rules in eslint.config.mjs, proved on small fixtures: imports that cross a layer fail
 * (by the rule that owns that boundary), legal ones pass. The fixtures are virtual files linted
 * with `lintText`; their relative imports resolve against the real folders beside them.
 */
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** The rules that enforce the layers; other rules (unused vars, require style…) are not under test here. */
const LAYER_RULES = new Set([
  'import-x/no-restricted-paths',
  'import-x/no-nodejs-modules',
  'import-x/no-unresolved',
  'no-restricted-imports',
]);

interface Fixture {
  /** Virtual file, relative to the repository root. */
  file: string;
  code: string;
}

interface Lint {
  layerRules: string[];
  fatal: Linter.LintMessage[];
}

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: path.join(root, 'eslint.config.mjs'),
    // Type-aware parsing needs real files in a tsconfig; the layer rules need no types.
    // (disableTypeChecked also sets parserOptions.project and projectService to false, program to null.)
    overrideConfig: tseslint.configs.disableTypeChecked,
  });
});

async function lint({ file, code }: Fixture): Promise<Lint> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file), warnIgnored: true });
  const messages = result?.messages ?? [
    { ruleId: null, message: 'no lint result', fatal: true, severity: 2, line: 0, column: 0 },
  ];
  return {
    layerRules: messages.flatMap((m) => (m.ruleId !== null && LAYER_RULES.has(m.ruleId) ? [m.ruleId] : [])),
    fatal: messages.filter((m) => m.fatal === true || m.ruleId === null),
  };
}

const forbidden: (Fixture & { why: string; rules: string[] })[] = [
  {
    why: 'core imports main (relative, two folders up)',
    file: 'electron/core/accounts/x.ts',
    code: "import * as window from '../../main/window';\nexport { window };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'core imports main by a dynamic import()',
    file: 'electron/core/accounts/x.ts',
    code: "export const later = () => import('../../main/window');\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'core requires main',
    file: 'electron/core/x.ts',
    code: "export const window: unknown = require('../main/window');\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'core imports the CLI',
    file: 'electron/core/x.ts',
    code: "export * from '../cli/output';\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'core imports the electron package',
    file: 'electron/core/x.ts',
    code: "import { app } from 'electron';\nexport { app };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'core imports react',
    file: 'electron/core/x.ts',
    code: "import * as React from 'react';\nexport { React };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'preload imports the core',
    file: 'electron/preload/x.ts',
    code: "import * as errors from '../core/errors';\nexport { errors };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'preload imports main',
    file: 'electron/preload/x.ts',
    code: "import * as window from '../main/window';\nexport { window };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'preload imports a Node builtin',
    file: 'electron/preload/x.ts',
    code: "import * as fs from 'node:fs';\nexport { fs };\n",
    rules: ['import-x/no-nodejs-modules'],
  },
  {
    why: 'shared re-exports the core',
    file: 'shared/x.ts',
    code: "export * from '../electron/core/errors';\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'shared imports the renderer',
    file: 'shared/contract/x.ts',
    code: "import * as client from '../../renderer/src/app/client';\nexport { client };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'shared imports a Node builtin',
    file: 'shared/x.ts',
    code: "import path from 'node:path';\nexport { path };\n",
    rules: ['import-x/no-nodejs-modules'],
  },
  {
    why: 'shared imports the electron package',
    file: 'shared/x.ts',
    code: "import { app } from 'electron';\nexport { app };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'renderer imports the core and a Node builtin',
    file: 'renderer/src/x.ts',
    code: "import * as errors from '../../electron/core/errors';\nimport * as fs from 'node:fs';\nexport { errors, fs };\n",
    rules: ['import-x/no-restricted-paths', 'import-x/no-nodejs-modules'],
  },
  {
    why: 'renderer imports the tests',
    file: 'renderer/src/x.ts',
    code: "import * as fixture from '../../tests/harness/serve';\nexport { fixture };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'renderer imports the electron package',
    file: 'renderer/src/x.ts',
    code: "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'main uses ipcMain outside electron/main/ipc',
    file: 'electron/main/x.ts',
    code: "import { ipcMain } from 'electron';\nexport { ipcMain };\n",
    rules: ['no-restricted-imports'],
  },
  {
    why: 'main imports the renderer',
    file: 'electron/main/x.ts',
    code: "import * as client from '../../renderer/src/app/client';\nexport { client };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'main imports the CLI',
    file: 'electron/main/x.ts',
    code: "import * as output from '../cli/output';\nexport { output };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'main imports the CLI entry outside cli-dispatch.ts',
    file: 'electron/main/window.ts',
    code: "import { run } from '../cli/run';\nexport { run };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'cli-dispatch.ts imports more of the CLI than its entry',
    file: 'electron/main/cli-dispatch.ts',
    code: "import { buildProgram } from '../cli/program';\nexport { buildProgram };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'CLI imports main',
    file: 'electron/cli/x.ts',
    code: "import * as window from '../main/window';\nexport { window };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'CLI imports the electron package',
    file: 'electron/cli/x.ts',
    code: "import { app } from 'electron';\nexport { app };\n",
    rules: ['import-x/no-restricted-paths'],
  },
  {
    why: 'an import that resolves to nothing cannot slip past the zones',
    file: 'electron/core/x.ts',
    code: "import * as gone from '../main/no-such-module';\nexport { gone };\n",
    rules: ['import-x/no-unresolved'],
  },
];

const allowed: (Fixture & { why: string })[] = [
  {
    why: 'core imports another core folder',
    file: 'electron/core/accounts/x.ts',
    code: "import * as sql from '../store/sql';\nexport { sql };\n",
  },
  {
    why: 'core imports shared and a Node builtin',
    file: 'electron/core/x.ts',
    code: "import * as roles from '../../shared/roles';\nimport path from 'node:path';\nexport { roles, path };\n",
  },
  {
    why: 'preload imports shared and the electron package',
    file: 'electron/preload/x.ts',
    code: "import * as names from '../../shared/ipc-names';\nimport { contextBridge } from 'electron';\nexport { names, contextBridge };\n",
  },
  {
    why: 'shared imports shared one folder up, and zod',
    file: 'shared/contract/x.ts',
    code: "import * as permissions from '../permissions';\nimport { z } from 'zod';\nexport { permissions, z };\n",
  },
  {
    why: 'renderer imports shared, itself and react',
    file: 'renderer/src/x.ts',
    code: "import * as roles from '../../shared/roles';\nimport * as client from './app/client';\nimport * as React from 'react';\nexport { roles, client, React };\n",
  },
  {
    why: 'main imports the core; ipcMain inside electron/main/ipc',
    file: 'electron/main/ipc/x.ts',
    code: "import * as errors from '../../core/errors';\nimport { ipcMain } from 'electron';\nexport { errors, ipcMain };\n",
  },
  {
    why: 'cli-dispatch.ts hands arguments to the CLI entry',
    file: 'electron/main/cli-dispatch.ts',
    code: "import { run } from '../cli/run';\nexport { run };\n",
  },
  {
    why: 'CLI imports the core, shared and package.json',
    file: 'electron/cli/x.ts',
    code: "import * as errors from '../core/errors';\nimport * as roles from '../../shared/roles';\nimport { version } from '../../package.json';\nexport { errors, roles, version };\n",
  },
];

describe('layer rules', () => {
  it.each(forbidden)('flags: $why ($file)', async (fixture) => {
    const { layerRules, fatal } = await lint(fixture);
    expect(fatal).toEqual([]);
    expect(layerRules.sort()).toEqual([...fixture.rules].sort());
  });

  it.each(allowed)('allows: $why ($file)', async (fixture) => {
    const { layerRules, fatal } = await lint(fixture);
    expect(fatal).toEqual([]);
    expect(layerRules).toEqual([]);
  });
});
