import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

// Keeps its own text while typing and follows the address when it changes elsewhere (Reset, Back),
// without remounting, so the cursor stays in the box after Enter.
export function SearchBox({ value, onSearch, placeholder, testId, width = 320 }: { value: string; onSearch: (q: string) => void; placeholder: string; testId?: string; width?: number }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Input.Search
      data-testid={testId}
      allowClear
      value={text}
      onChange={(e) => setText(e.target.value)}
      placeholder={placeholder}
      onSearch={(q) => onSearch(q.trim())}
      style={{ width, maxWidth: '100%' }}
      enterButton={t('common.search')}
    />
  );
}
