import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeChineseDays, renderHolidayDataModule } from './chinese-days.import';
import { CHINA_MAINLAND_DATA_SOURCE, CHINA_MAINLAND_HOLIDAY_DATA } from './china-mainland.data';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('chinese-days/package.json'));
const packageVersion = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
const packageJson: unknown = JSON.parse(readFileSync(join(packageDir, 'dist/chinese-days.json'), 'utf8'));
const source = `chinese-days@${packageVersion}`;

describe('chinese-days import', () => {
  it('the checked-in dataset is exactly the normalised package data', async () => {
    const rendered = renderHolidayDataModule(normalizeChineseDays(packageJson, source), source);
    await expect(rendered).toMatchFileSnapshot('./china-mainland.data.ts');
    expect(CHINA_MAINLAND_DATA_SOURCE).toBe(source);
  });

  it('covers every year the package has, 2004 to 2026, each published', () => {
    expect(CHINA_MAINLAND_HOLIDAY_DATA.map((d) => d.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(CHINA_MAINLAND_HOLIDAY_DATA.every((d) => d.published)).toBe(true);
  });

  it.each([
    ['2026', '春节', '2026-02-15', '2026-02-23'],
    ['2024', '国庆节', '2024-10-01', '2024-10-07'],
    ['2025', '中秋', '2025-10-06', '2025-10-06'],
    ['2024', '春节', '2024-02-10', '2024-02-17'],
    ['2020', '春节', '2020-01-24', '2020-02-02'],
  ])('%s %s runs %s to %s', (year, name, from, to) => {
    const dataset = CHINA_MAINLAND_HOLIDAY_DATA.find((d) => d.year === Number(year));
    expect(dataset?.holidays.find((run) => run.name === name)).toMatchObject({ from, to });
  });

  it('keys a make-up day by the year it falls in (2007-12-29 works for New Year 2008)', () => {
    const y2007 = CHINA_MAINLAND_HOLIDAY_DATA.find((d) => d.year === 2007);
    expect(y2007?.makeupWorkdays).toContainEqual({ name: '元旦', nameEn: "New Year's Day", date: '2007-12-29' });
  });

  it('rejects data that is not the expected shape', () => {
    expect(() => normalizeChineseDays(null, 'x')).toThrow(TypeError);
    expect(() => normalizeChineseDays({ holidays: { '2026-01-01': 1 }, workdays: {} }, 'x')).toThrow(TypeError);
  });
});
