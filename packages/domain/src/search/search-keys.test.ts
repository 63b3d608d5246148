import { describe, expect, it } from 'vitest';
import { pinyinKeys } from './search-keys';

describe('pinyinKeys', () => {
  it.each([
    ['中国移动', 'zhongguoyidong', 'zgyd'],
    ['王丽华', 'wanglihua', 'wlh'],
    ['吕布', 'lvbu', 'lb'],
    ['江州 华信科技有限公司', 'jiangzhouhuaxinkejiyouxiangongsi', 'jzhxkjyxgs'],
    ['ABC科技', 'abckeji', 'abckj'],
    ['５G实验室（广州）', '5gshiyanshiguangzhou', '5gsysgz'],
    ['王·小明', 'wangxiaoming', 'wxm'],
    ['Zhang San', 'zhangsan', 'zhangsan'],
    ['', '', ''],
  ])('%s → %s / %s', (name, full, initials) => {
    expect(pinyinKeys(name)).toEqual({ full, initials });
  });

  // Polyphonic surnames: whatever pinyin-pro reads is acceptable; personName asks it for the surname reading.
  it.each([
    ['单雄信', 'shanxiongxin', 'sxx'],
    ['曾国藩', 'zengguofan', 'zgf'],
    ['仇英', 'qiuying', 'qy'],
  ])('person %s → %s / %s', (name, full, initials) => {
    expect(pinyinKeys(name, { personName: true })).toEqual({ full, initials });
    const plain = pinyinKeys(name);
    expect(plain.full).toMatch(/^[a-z]+$/);
    expect(plain.initials).toHaveLength(name.length);
  });

  it('does not read a company’s first character as a surname', () => {
    expect(pinyinKeys('长沙银行').full).toBe('changshayinhang');
  });
});
