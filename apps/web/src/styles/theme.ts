import type { ThemeConfig } from 'antd';

// System fonts first, then CJK faces for Windows and Linux desks, so Chinese never falls back to boxes.
export const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif';

export const theme: ThemeConfig = {
  token: {
    fontFamily,
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
  },
  components: {
    Layout: { headerBg: '#ffffff', headerPadding: '0 24px', siderBg: '#0f2a4a', triggerBg: '#0b213b' },
    Menu: { darkItemBg: '#0f2a4a', darkSubMenuItemBg: '#0b213b', darkItemSelectedBg: '#1f5fbf' },
  },
};

export const gradeColors = {
  diamond: '#5b3fd1',
  gold: '#d4a017',
  silver: '#8c9aa8',
  guest: '#2f8f6b',
  none: '#c7ccd1',
} as const;
