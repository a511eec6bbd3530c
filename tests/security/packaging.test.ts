/**
 * electron-builder.yml packs what the app reads at run time (the ledger PDF font, read from
 * path.join(app.getAppPath(), CJK_FONT)) inside the asar, and keeps the fuse hook.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CJK_FONT } from '../../electron/core/ledger/font';

const ROOT = path.resolve(__dirname, '../..');
const config = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');

/** The items of a top-level YAML list (`key:` followed by `  - item` lines), quotes removed. */
function topLevelList(key: string): string[] {
  const lines = config.split(/\r?\n/);
  const start = lines.indexOf(`${key}:`);
  if (start < 0) throw new Error(`no top-level ${key}: list`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+(.+?)\s*$/.exec(line);
    if (!item?.[1]) break;
    items.push(item[1].replace(/^(['"])(.*)\1$/, '$2'));
  }
  return items;
}

/** The value of a top-level `key: value` line. */
function topLevelValue(key: string): string | undefined {
  return new RegExp(`^${key}:\\s*(.+?)\\s*$`, 'm').exec(config)?.[1];
}

describe('packaging', () => {
  it('packs the ledger font and its licence into the app', () => {
    expect(CJK_FONT.startsWith('resources/fonts/')).toBe(true);
    expect(existsSync(path.join(ROOT, CJK_FONT))).toBe(true);
    expect(existsSync(path.join(ROOT, 'resources/fonts/LICENSE.txt'))).toBe(true);
    const files = topLevelList('files');
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json', 'resources/fonts/**']));
    // Nothing excludes the fonts again.
    expect(files.filter((f) => f.startsWith('!') && /^!(resources|\*\*)/.test(f))).toEqual([]);
  });

  it('keeps the app in an asar and flips the fuses after packing', () => {
    expect(topLevelValue('asar')).toBe('true');
    expect(topLevelValue('afterPack')).toBe('./build/after-pack.mjs');
    expect(topLevelValue('publish')).toBe('null');
  });
});
