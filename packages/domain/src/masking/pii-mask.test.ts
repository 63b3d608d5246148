import { describe, expect, it } from 'vitest';
import {
  PII_FIELDS,
  SENSITIVE_PII_FIELDS,
  isPiiField,
  maskAddress,
  maskBirthday,
  maskEmail,
  maskIdNumber,
  maskName,
  maskPhone,
  maskRecord,
  type PiiField,
} from './pii-mask';

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['020-87654321', '020*****4321'],
    ['12345', '***45'],
    ['12', '**'],
    ['', ''],
  ])('%s → %s', (value, masked) => {
    expect(maskPhone(value)).toBe(masked);
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['110105491231002', '110105*****1002'],
    ['E12345678', '*******78'],
    ['1234', '****'],
  ])('%s → %s', (value, masked) => {
    expect(maskIdNumber(value)).toBe(masked);
    expect(maskIdNumber(value)).toHaveLength(value.length);
  });
});

describe('maskAddress', () => {
  it.each([
    ['广东省广州市天河区体育西路103号', '广东省广州市天河区'],
    ['广东省广州市越秀区市府路1号', '广东省广州市越秀区'],
    ['北京市海淀区中关村大街1号', '北京市海淀区'],
    ['上海市浦东新区世纪大道100号', '上海市浦东新区'],
    ['重庆市酉阳土家族苗族自治县桃花源街道', '重庆市酉阳土家族苗族自治县'],
    ['江苏省苏州市昆山市前进中路88号', '江苏省苏州市昆山市'],
    ['内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇', '内蒙古自治区呼伦贝尔市鄂温克族自治旗'],
    ['内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路', '内蒙古自治区锡林郭勒盟锡林浩特市'],
    ['新疆维吾尔自治区乌鲁木齐市天山区解放北路', '新疆维吾尔自治区乌鲁木齐市天山区'],
    ['湖北省恩施土家族苗族自治州恩施市舞阳大街', '湖北省恩施土家族苗族自治州恩施市'],
    ['西藏自治区阿里地区噶尔县狮泉河镇', '西藏自治区阿里地区噶尔县'],
    ['海南省三沙市市辖区永兴岛', '海南省三沙市市辖区'],
    ['示范省江州市临江县城关镇解放路8号', '示范省江州市临江县'],
    ['广州市天河区体育西路103号', '广州市天河区'],
    ['广东省广州市天河区', '广东省广州市天河区'],
    // No district after the city: a short prefix and an ellipsis.
    ['广东省广州市体育西路103号', '广东省广州市…'],
    ['广东省东莞市南城街道鸿福路', '广东省东莞市…'],
    ['天河区体育西路103号', '天河区体育…'],
    ['解放路88号', '解放路…'],
    ['', ''],
  ])('%s → %s', (value, masked) => {
    expect(maskAddress(value)).toBe(masked);
  });
});

describe('other maskers', () => {
  const maskers = { maskBirthday, maskEmail, maskName } as const;
  it.each<[keyof typeof maskers, string, string]>([
    ['maskBirthday', '1985-06-15', '1985-**-**'],
    ['maskBirthday', '06/15', '*****'],
    ['maskEmail', 'zhangsan@example.com', 'z***@example.com'],
    ['maskEmail', 'a@b.cn', 'a***@b.cn'],
    ['maskEmail', 'not-an-email', '************'],
    ['maskName', '张三丰', '张**'],
    ['maskName', '欧阳娜娜', '欧***'],
    ['maskName', '李', '*'],
  ])('%s(%s) → %s', (masker, value, masked) => {
    expect(maskers[masker](value)).toBe(masked);
  });
});

describe('maskRecord', () => {
  const record = {
    id: 7,
    name: '王丽华',
    phone: '13812341234',
    idNumber: '11010519491231002X',
    address: '广东省广州市天河区体育西路103号',
    birthday: '1949-12-31',
    email: null,
  };

  it.each<[string, readonly PiiField[], PiiField[], Partial<typeof record>]>([
    [
      'masks every listed field',
      PII_FIELDS,
      [],
      { phone: '138****1234', idNumber: '110105********002X', address: '广东省广州市天河区', birthday: '1949-**-**', email: null },
    ],
    ['leaves unmasked fields alone', PII_FIELDS, ['phone', 'address'], { phone: '13812341234', address: record.address, idNumber: '110105********002X' }],
    ['leaves fields not listed alone', ['idNumber'], [], { phone: '13812341234', idNumber: '110105********002X' }],
    ['everything unmasked', PII_FIELDS, [...PII_FIELDS], { ...record }],
  ])('%s', (_label, fields, unmasked, expected) => {
    const masked = maskRecord(record, fields, new Set(unmasked));
    expect(masked).toMatchObject({ id: 7, name: '王丽华', ...expected });
  });

  it('does not touch the input', () => {
    maskRecord(record, PII_FIELDS, new Set());
    expect(record.phone).toBe('13812341234');
  });

  it('keeps empty and missing values as they are', () => {
    expect(maskRecord({ phone: '', address: undefined }, PII_FIELDS, new Set())).toEqual({ phone: '', address: undefined });
  });
});

describe('field constants', () => {
  it('recognises PII field names', () => {
    expect(PII_FIELDS.filter(isPiiField)).toEqual([...PII_FIELDS]);
    expect(isPiiField('name')).toBe(false);
    expect(SENSITIVE_PII_FIELDS.every(isPiiField)).toBe(true);
  });
});
