import { describe, expect, it } from 'vitest';
import { chinaMainlandCalendar } from '../calendar/china-mainland.calendar';
import { DomainError } from '../errors';
import { type BreachState, type ComplaintBreach, type ComplaintRules, DEFAULT_COMPLAINT_RULES, approvalLevelFor, breachesToNotice, escalationsDue, finalDeadline, levelDeadline, validateComplaintRules } from './complaint-rules';
import { appealDeadlines } from './appeal-limits';
import { hotKeywordsIn, isRepeatComplaint } from './complaint-flags';

const cal = chinaMainlandCalendar();
const rules = DEFAULT_COMPLAINT_RULES;
const at = (iso: string) => new Date(iso);

describe('level deadlines on the business calendar', () => {
  it.each<[string, 1 | 2 | 3, string, string, string, boolean]>([
    ['L1 24 h on the clock', 1, '2026-11-23T02:00:00Z', '2026-11-23T02:00:00Z', '2026-11-24T02:00:00Z', false],
    ['L2 48 h over a weekend', 2, '2026-11-27T02:00:00Z', '2026-11-27T02:00:00Z', '2026-11-29T02:00:00Z', false],
    // 2026-09-30 (Wed, 10:00 Shanghai): National Day 10-01…07, make-up Saturday 10-10; WDs 8, 9, 10, 12, 13.
    ['L3 5 WD across National Day and a make-up Saturday', 3, '2026-09-30T02:00:00Z', '2026-09-30T02:00:00Z', '2026-10-13T16:00:00Z', false],
    // Received 09-29: the 15-day answer (10-14 10:00) comes before L3's 5 WD from 10-10 (10-16 24:00).
    ['L3 capped by the hard 15 days', 3, '2026-10-10T02:00:00Z', '2026-09-29T02:00:00Z', '2026-10-14T02:00:00Z', true],
  ])('%s', (_name, level, started, received, deadline, capped) => {
    expect(levelDeadline(cal, rules, level, at(started), at(received))).toMatchObject({ deadline: at(deadline), cappedByFinal: capped });
  });

  it('no configuration lengthens the 15-day final answer', () => {
    const lenient: ComplaintRules = { ...rules, finalLimitDays: 20 };
    expect(() => validateComplaintRules(lenient)).toThrow(DomainError);
    expect(() => validateComplaintRules(lenient)).toThrow(/15 days/);
    expect(finalDeadline(lenient, at('2026-11-01T00:00:00Z'))).toEqual(at('2026-11-16T00:00:00Z'));
    expect(finalDeadline({ ...rules, finalLimitDays: 10 }, at('2026-11-01T00:00:00Z'))).toEqual(at('2026-11-11T00:00:00Z'));
  });

  it.each<[string, Partial<ComplaintRules>, string]>([
    ['falling compensation limits', { compensationLimitsFen: { 1: 10_000, 2: 5_000, 3: 20_000 } }, 'compensationLimitsFen.2'],
    ['an empty keyword', { hotKeywords: ['媒体', ' '] }, 'hotKeywords.1'],
    ['a zero level budget', { levelLimits: { ...rules.levelLimits, 2: { unit: 'clock_minutes', amount: 0 } } }, 'levelLimits.2.amount'],
  ])('rejects %s', (_name, change, path) => {
    expect(() => validateComplaintRules({ ...rules, ...change })).toThrow(expect.objectContaining({ path }));
  });

  it('the default rules are valid', () => {
    expect(() => validateComplaintRules(rules)).not.toThrow();
  });
});

describe('automatic escalation', () => {
  const received = at('2026-11-23T02:00:00Z');
  const complaint = { level: 1 as const, levelDeadline: at('2026-11-24T02:00:00Z'), receivedAt: received };

  it.each<[string, string, number[]]>([
    ['one minute before the L1 limit', '2026-11-24T01:59:00Z', []],
    ['at the L1 limit', '2026-11-24T02:00:00Z', [2]],
    ['past L2 as well: each level timed from the breach', '2026-11-26T02:00:00Z', [2, 3]],
    ['long after: level 3 is the top', '2026-12-31T00:00:00Z', [2, 3]],
  ])('%s', (_name, now, levels) => {
    const steps = escalationsDue(cal, rules, complaint, at(now));
    expect(steps.map((s) => s.level)).toEqual(levels);
    if (levels.length === 2) expect(steps[1]!.at).toEqual(at('2026-11-26T02:00:00Z'));
  });
});

describe('repeat complaints', () => {
  const now = at('2026-11-30T02:00:00Z');
  it.each<[string, string[], boolean]>([
    ['30 days before (business date)', ['2026-10-31T15:59:00Z'], true],
    ['31 days before', ['2026-10-30T02:00:00Z'], false],
    ['31 days by UTC but 30 by Shanghai date', ['2026-10-30T16:30:00Z'], true],
    ['none before', [], false],
  ])('%s', (_name, earlier, expected) => {
    expect(isRepeatComplaint(cal, now, earlier.map(at), 30)).toBe(expected);
  });
});

describe('hot keywords', () => {
  it.each<[string, string[]]>([
    ['如果再不处理我就找媒体曝光', ['媒体', '曝光']],
    ['已向工信部申诉，并咨询了律师', ['工信部', '律师']],
    ['I will call the press and my lawyer', ['press', 'lawyer']],
    ['The pressure on the line is fine', []],
    ['Complained to the REGULATOR', ['regulator']],
    ['宽带经常掉线', []],
  ])('%s', (text, expected) => {
    expect(hotKeywordsIn(text, rules.hotKeywords)).toEqual(expected);
  });
});

describe('compensation approval limits rise by level', () => {
  it.each<[number, number | undefined]>([
    [0, 1],
    [5_000, 1],
    [5_001, 2],
    [20_000, 2],
    [100_000, 3],
    [100_001, undefined],
  ])('%i fen → level %s', (fen, level) => {
    expect(approvalLevelFor(rules, fen)).toBe(level);
  });
});

describe('appeal (申诉) limits', () => {
  it('acceptance in 5 working days, handling in 30 days', () => {
    // Received Friday 2026-09-25: WDs 9-28, 29, 30, then 10-08, 10-09 (holiday run 10-01…07).
    expect(appealDeadlines(cal, at('2026-09-25T02:00:00Z'))).toMatchObject({
      acceptanceDue: at('2026-10-09T16:00:00Z'),
      handlingDue: at('2026-10-25T02:00:00Z'),
    });
  });
});

describe('breach notices past the top level and the final answer', () => {
  const levelThreeDue = at('2026-12-04T16:00:00Z');
  const answerDue = at('2026-12-10T02:00:00Z');
  const base: BreachState = { level: 3, levelDeadline: levelThreeDue, finalDeadline: answerDue, topBreachNoticedFor: null, finalBreachNoticedAt: null };
  it.each<[string, Partial<BreachState>, string, ComplaintBreach[]]>([
    ['level 3 before its limit', {}, '2026-12-04T15:59:00Z', []],
    ['level 3 at its limit', {}, '2026-12-04T16:00:00Z', ['top_level']],
    ['level 2 past its limit escalates instead', { level: 2 }, '2026-12-05T00:00:00Z', []],
    ['level 3 breach already noticed', { topBreachNoticedFor: levelThreeDue }, '2026-12-05T00:00:00Z', []],
    ['a new level-3 period after a reopen', { topBreachNoticedFor: at('2026-12-01T00:00:00Z') }, '2026-12-05T00:00:00Z', ['top_level']],
    ['the final answer late as well', { topBreachNoticedFor: levelThreeDue }, '2026-12-10T02:00:00Z', ['final']],
    ['final already noticed', { topBreachNoticedFor: levelThreeDue, finalBreachNoticedAt: answerDue }, '2026-12-11T00:00:00Z', []],
    ['level 3 capped by the final answer: one notice', { levelDeadline: answerDue }, '2026-12-10T02:00:00Z', ['final']],
    ['a level-1 complaint past the final answer', { level: 1, levelDeadline: answerDue }, '2026-12-10T02:00:00Z', ['final']],
  ])('%s', (_name, change, now, expected) => {
    expect(breachesToNotice({ ...base, ...change }, at(now)).notify).toEqual(expected);
  });
});
