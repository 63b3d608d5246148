/**
 * Default masking of personal information (PIPL; MIIT Order 24). Serializers mask every PII field
 * a role does not see in full; unmasking is a separate, audited request. Masks keep the value's
 * length where the length itself reveals nothing (phone, ID) so columns stay aligned.
 */

export const PII_FIELDS = ['phone', 'idNumber', 'address', 'birthday', 'email'] as const;
export type PiiField = (typeof PII_FIELDS)[number];

/** Sensitive PI under PIPL Art. 28: stricter defaults, never in bulk exports unmasked. */
export const SENSITIVE_PII_FIELDS: readonly PiiField[] = ['idNumber'];

export function isPiiField(value: string): value is PiiField {
  return (PII_FIELDS as readonly string[]).includes(value);
}

export const MASK_CHAR = '*';
/** Marks a value cut short (address without a recognisable district). */
export const ELLIPSIS = '…';

const stars = (count: number) => MASK_CHAR.repeat(Math.max(0, count));

/** Split by code point so characters outside the BMP are never cut in half. */
const chars = (value: string) => Array.from(value);

/** `13812341234` → `138****1234`; other lengths keep the first 3 and last 4 when at least 8 long. */
export function maskPhone(value: string): string {
  const c = chars(value);
  if (c.length >= 8) return c.slice(0, 3).join('') + stars(c.length - 7) + c.slice(-4).join('');
  if (c.length > 2) return stars(c.length - 2) + c.slice(-2).join('');
  return stars(c.length);
}

/**
 * Resident ID: first 6 (region) + asterisks + last 4, same length. Shorter documents (passports,
 * permits) keep only their last 2, because their first characters identify the holder more.
 */
export function maskIdNumber(value: string): string {
  const c = chars(value);
  if (c.length >= 14) return c.slice(0, 6).join('') + stars(c.length - 10) + c.slice(-4).join('');
  if (c.length > 4) return stars(c.length - 2) + c.slice(-2).join('');
  return stars(c.length);
}

// Province-level prefix: '广东省', '内蒙古自治区', '香港特别行政区'. Municipalities are handled apart.
const PROVINCE = /^[^省市区县]{2,12}?(?:省|自治区|特别行政区)/u;
const MUNICIPALITY = /^(?:北京|上海|天津|重庆)市/u;
// Prefecture level: '广州市', '恩施土家族苗族自治州', '阿里地区', '锡林郭勒盟'. The name may not
// contain district or street words, so a later '市' (市府路) is never taken for a city.
const CITY = /^[^省市区县旗路街道号巷弄村镇乡\d]{1,12}?(?:市|自治州|地区|盟)/u;
// County level: '天河区', '临江县', '昆山市', '鄂温克族自治旗', '市辖区'.
const DISTRICT = /^[^路街道号巷弄村镇乡\d]{1,12}?(?:区|县|旗|市)/u;

/**
 * Cut an address to the district: `广东省广州市天河区体育西路103号` → `广东省广州市天河区`. The
 * district must follow a city; when there is none, keep a short prefix plus '…' (at most 6
 * characters, and at most half the address so short street addresses are not shown whole).
 */
export function maskAddress(value: string): string {
  const text = value.trim();
  if (text === '') return text;
  let rest = text;
  let head = '';
  const municipality = MUNICIPALITY.exec(rest);
  if (municipality) {
    head = municipality[0];
    rest = rest.slice(head.length);
  } else {
    const province = PROVINCE.exec(rest);
    if (province) {
      head = province[0];
      rest = rest.slice(head.length);
    }
    const city = CITY.exec(rest);
    if (city) {
      head += city[0];
      rest = rest.slice(city[0].length);
    } else {
      head = '';
    }
  }
  const district = head === '' ? null : DISTRICT.exec(rest);
  if (district) return head + district[0];
  const c = chars(text);
  return c.slice(0, Math.min(6, Math.floor(c.length / 2))).join('') + ELLIPSIS;
}

/** 'YYYY-MM-DD' → 'YYYY-**-**': the year supports age bands; month and day identify. */
export function maskBirthday(value: string): string {
  const match = /^(\d{4})-\d{2}-\d{2}$/.exec(value);
  return match ? `${match[1]}-**-**` : stars(chars(value).length);
}

/** `zhangsan@example.com` → `z***@example.com`; a fixed run of asterisks hides the name's length. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return stars(chars(value).length);
  return chars(value)[0] + stars(3) + value.slice(at);
}

/** `张三丰` → `张**`: for outbound and analyst views of individuals (company names are not PI). */
export function maskName(value: string): string {
  const c = chars(value.trim());
  if (c.length <= 1) return stars(c.length);
  return c[0] + stars(c.length - 1);
}

export const PII_MASKERS: { readonly [F in PiiField]: (value: string) => string } = {
  phone: maskPhone,
  idNumber: maskIdNumber,
  address: maskAddress,
  birthday: maskBirthday,
  email: maskEmail,
};

export function maskPiiValue(field: PiiField, value: string): string {
  return PII_MASKERS[field](value);
}

/**
 * A shallow copy of `record` with every field in `fields` masked unless it is in `unmasked`.
 * Null, undefined and empty values pass through: masking an absent value would suggest one exists.
 */
export function maskRecord<T extends { readonly [F in PiiField]?: string | null }>(
  record: T,
  fields: readonly PiiField[],
  unmasked: ReadonlySet<PiiField>,
): T {
  const copy: T = { ...record };
  const target = copy as { [F in PiiField]?: string | null };
  for (const field of fields) {
    if (unmasked.has(field)) continue;
    const value = record[field];
    if (typeof value === 'string' && value !== '') target[field] = maskPiiValue(field, value);
  }
  return copy;
}
