import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { en } from './en';
import { zhCN } from './zh-CN';
import { defaultLocale, readStoredLocale, storeLocale, type AppLocale } from './locale';

export const i18n = i18next.createInstance();

const dayjsLocales: Record<AppLocale, string> = { 'zh-CN': 'zh-cn', en: 'en' };

function syncSideLocales(locale: AppLocale): void {
  dayjs.locale(dayjsLocales[locale]);
  document.documentElement.lang = locale;
}

const initialLocale = readStoredLocale();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLocale,
  fallbackLng: defaultLocale,
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  // Resources are bundled, so initialise synchronously and render the first frame translated.
  initAsync: false,
});
syncSideLocales(initialLocale);

export async function applyLocale(locale: AppLocale): Promise<void> {
  storeLocale(locale);
  syncSideLocales(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}
