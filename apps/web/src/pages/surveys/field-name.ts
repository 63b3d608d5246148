/**
 * A server field path as an antd Form name: `body.questions.1.scale.max` → ['questions', 1, 'scale',
 * 'max'], so a detail lands on the Form.List item it is about.
 */
export function fieldNameOfPath(path: string): (string | number)[] {
  const parts = path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return parts[0] === 'body' ? parts.slice(1) : parts;
}
