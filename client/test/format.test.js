import { describe, expect, it } from 'vitest';
import { formatPrice, formatTimeLeft, orderPhase, phaseLabel, secondsUntil } from '../lib/format';

describe('formatPrice', () => {
  it('shows dollars with cents for numbers and numeric strings', () => {
    expect(formatPrice(20)).toBe('$20.00');
    expect(formatPrice(42.5)).toBe('$42.50');
    expect(formatPrice('15.00')).toBe('$15.00');
  });
  it('shows a value that is not a number as it is', () => {
    expect(formatPrice('n/a')).toBe('n/a');
    expect(formatPrice(undefined)).toBe('');
  });
});

describe('formatTimeLeft', () => {
  it('shows minutes and zero-padded seconds, and hours past an hour', () => {
    expect(formatTimeLeft(845)).toBe('14:05');
    expect(formatTimeLeft(59)).toBe('0:59');
    expect(formatTimeLeft(3723)).toBe('1:02:03');
  });
  it('never counts below zero', () => {
    expect(formatTimeLeft(-3)).toBe('0:00');
  });
});

describe('secondsUntil', () => {
  const now = Date.parse('2030-01-01T10:00:00.000Z');
  it('rounds a partial second up so the countdown shows 0:00 only when time is up', () => {
    expect(secondsUntil('2030-01-01T10:00:10.000Z', now)).toBe(10);
    expect(secondsUntil('2030-01-01T10:00:00.200Z', now)).toBe(1);
    expect(secondsUntil('2030-01-01T09:59:00.000Z', now)).toBe(0);
  });
  it('treats an unreadable time as already past', () => {
    expect(secondsUntil('soon', now)).toBe(0);
  });
});

describe('orderPhase', () => {
  const now = Date.parse('2030-01-01T10:00:00.000Z');
  const future = '2030-01-01T10:15:00.000Z';
  const past = '2030-01-01T09:59:59.000Z';
  it('is awaiting payment while a created order has time left, expired once it has none', () => {
    expect(orderPhase({ status: 'created', expiresAt: future }, now)).toBe('awaiting');
    expect(orderPhase({ status: 'created', expiresAt: past }, now)).toBe('expired');
  });
  it('calls a cancelled order expired once its time is over, cancelled before', () => {
    expect(orderPhase({ status: 'cancelled', expiresAt: past }, now)).toBe('expired');
    expect(orderPhase({ status: 'cancelled', expiresAt: future }, now)).toBe('cancelled');
  });
  it('keeps a complete order complete whatever the clock says', () => {
    expect(orderPhase({ status: 'complete', expiresAt: past }, now)).toBe('complete');
  });
  it('labels every phase for people', () => {
    expect(['awaiting', 'expired', 'cancelled', 'complete'].map(phaseLabel)).toEqual([
      'Awaiting payment',
      'Expired',
      'Cancelled',
      'Complete',
    ]);
  });
});
