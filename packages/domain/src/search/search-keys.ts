import { pinyin } from 'pinyin-pro';

/** What the customer search matches typed Latin letters against: `zhongguoyidong`, `zgyd`. */
export interface PinyinKeys {
  readonly full: string;
  readonly initials: string;
}

export interface PinyinKeyOptions {
  /**
   * The name is a person's: read the first character as a surname (单 shan, 曾 zeng, 仇 qiu).
   * Off for company names, where the same rule would misread '长沙银行' as 'xing'.
   */
  readonly personName?: boolean;
}

const SYLLABLE = /^[a-z]+$/;
const KEEP = /[\p{L}\p{N}]/u;

/**
 * Lower-case, toneless, 'v' for 'ü' (typable on any keyboard). Characters that are not Chinese
 * are kept lower-cased in both keys (full-width forms folded to ASCII first); whitespace,
 * punctuation and symbols are dropped, since nobody types '（' or '·' into a search box.
 */
export function pinyinKeys(name: string, options: PinyinKeyOptions = {}): PinyinKeys {
  const text = name.normalize('NFKC');
  const source = Array.from(text);
  // 'array' output has one element per code point, so it lines up with `source`.
  const syllables = pinyin(text, {
    toneType: 'none',
    type: 'array',
    v: true,
    ...(options.personName ? { surname: 'head' as const } : {}),
  });
  let full = '';
  let initials = '';
  source.forEach((char, index) => {
    const syllable = syllables[index] ?? char;
    if (syllable !== char && SYLLABLE.test(syllable)) {
      full += syllable;
      initials += syllable[0];
    } else if (KEEP.test(char)) {
      const lower = char.toLowerCase();
      full += lower;
      initials += lower;
    }
  });
  return { full, initials };
}
