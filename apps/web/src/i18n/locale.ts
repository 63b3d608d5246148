export const supportedLocales = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof supportedLocales)[number];
export const defaultLocale: AppLocale = 'zh-CN';

const storageKey = 'patron.locale';

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value);
}

// localStorage can throw (privacy modes, disabled storage); the language is a preference, never fatal.
export function readStoredLocale(): AppLocale {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    return isAppLocale(stored) ? stored : defaultLocale;
  } catch {
    return defaultLocale;
  }
}

export function storeLocale(locale: AppLocale): void {
  try {
    globalThis.localStorage?.setItem(storageKey, locale);
  } catch {
    // Not persisted: the server-side preference still applies after login.
  }
}
