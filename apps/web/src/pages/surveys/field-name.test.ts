import { describe, expect, it } from 'vitest';
import { fieldNameOfPath } from './field-name';

describe('server field paths as form names', () => {
  it.each<[string, (string | number)[]]>([
    ['body.questions.1.scale.max', ['questions', 1, 'scale', 'max']],
    ['dimensions.0.weight', ['dimensions', 0, 'weight']],
    ['dimensions', ['dimensions']],
    ['approvalQuestion', ['approvalQuestion']],
  ])('%s', (path, name) => {
    expect(fieldNameOfPath(path)).toEqual(name);
  });
});
