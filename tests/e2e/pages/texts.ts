/** UI texts for tests, read from the renderer's own catalogs (so tests follow the wording, not copy it). */
import en from '../../../renderer/src/i18n/en.json';
import zhCN from '../../../renderer/src/i18n/zh-CN.json';

export type Lang = 'zh-CN' | 'en';
export type Tr = (key: string, params?: Record<string, string | number>) => string;

const CATALOGS: Record<Lang, unknown> = { 'zh-CN': zhCN, en };

export function texts(lang: Lang): Tr {
  return (key, params = {}) => {
    let node: unknown = CATALOGS[lang];
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== 'string') throw new Error(`no text for ${key} in ${lang}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
  };
}
