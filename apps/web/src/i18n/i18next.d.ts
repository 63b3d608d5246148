import 'i18next';
import type { zhCN } from './zh-CN';

// Typed keys: a misspelt or missing translation key is a compile error, not a blank label.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
    returnNull: false;
  }
}
