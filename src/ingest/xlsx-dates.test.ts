import { describe, expect, it } from 'vitest';
import { formatKind, showSerial } from './xlsx-dates';

describe('Excel number formats', () => {
  it('tells dates, times and plain numbers apart by their format code', () => {
    expect(formatKind('dd/mm/yyyy')).toBe('date');
    expect(formatKind('[$-409]mmmm d, yyyy;@')).toBe('date');
    expect(formatKind('yyyy-mm-dd hh:mm')).toBe('datetime');
    expect(formatKind('[h]:mm:ss')).toBe('time');
    expect(formatKind('h:mm AM/PM')).toBe('time');
    expect(formatKind('#,##0.00 "days"')).toBeNull();
    expect(formatKind('[Red]0.00')).toBeNull();
    expect(formatKind('0%')).toBeNull();
  });

  it('turns serial days into ISO dates in both date systems, and leaves other values alone', () => {
    expect(showSerial('1', 'date', false)).toBe('1900-01-01');
    expect(showSerial('61', 'date', false)).toBe('1900-03-01');
    expect(showSerial('45122', 'date', false)).toBe('2023-07-15');
    expect(showSerial('0', 'date', true)).toBe('1904-01-01');
    expect(showSerial('0.5', 'time', false)).toBe('12:00');
    expect(showSerial('0.50001157', 'time', false)).toBe('12:00:01');
    expect(showSerial('45122.25', 'datetime', false)).toBe('2023-07-15 06:00');
    expect(showSerial('42', null, false)).toBe('42');
    expect(showSerial('#N/A', 'date', false)).toBe('#N/A');
  });
});
