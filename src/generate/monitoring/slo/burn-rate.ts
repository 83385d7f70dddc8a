/**
 * Multi-window, multi-burn-rate alerting (Google SRE workbook, chapter 5). An alert fires when the
 * error ratio over a long window AND over a short window (1/12 of it, so the alert resets quickly
 * once the burn stops) both exceed `factor × budget`, where budget = 1 − objective.
 *
 * The factor is derived from how much of the budget may burn before someone is told:
 *
 *   factor = consumed × windowHours / longWindowHours
 *
 * A burn rate of 1 spends the budget exactly over the SLO window; spending the fraction `consumed`
 * within `longWindowHours` takes a rate of consumed × windowHours / longWindowHours. For a 30-day
 * window (720 h) this gives the workbook's numbers: 2 % in 1 h → 14.4, 5 % in 6 h → 6, 10 % in
 * 1 d → 3, 10 % in 3 d → 1. Other windows keep the same fractions and alert windows, so a 28-day
 * SLO pages at 13.44 and a 7-day one at 3.36.
 */
import { clean } from '../shared/rule-files.js';

export interface BurnRateAlert {
  severity: 'page' | 'ticket';
  long: string;
  short: string;
  longHours: number;
  /** Share of the window's error budget this alert allows to burn within `long`. */
  consumed: number;
}

export const BURN_RATE_ALERTS: readonly BurnRateAlert[] = [
  { severity: 'page', long: '1h', short: '5m', longHours: 1, consumed: 0.02 },
  { severity: 'page', long: '6h', short: '30m', longHours: 6, consumed: 0.05 },
  { severity: 'ticket', long: '1d', short: '2h', longHours: 24, consumed: 0.1 },
  { severity: 'ticket', long: '3d', short: '6h', longHours: 72, consumed: 0.1 },
];

/** Every window a recording rule is written for. */
export const RECORD_WINDOWS: readonly string[] = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

export function windowDays(window: string): number {
  return Number.parseInt(window, 10);
}

export function burnFactor(alert: BurnRateAlert, window: string): number {
  return clean(Math.round(((alert.consumed * windowDays(window) * 24) / alert.longHours) * 1000) / 1000);
}

/** The error budget as a ratio: 99.9 → 0.001. */
export function budgetOf(objectivePercent: number): number {
  return clean((100 - objectivePercent) / 100);
}

/** Downtime (or bad-request time) an objective allows over a number of hours, as `43m 12s`. */
export function allowedDowntime(objectivePercent: number, hours: number): string {
  let seconds = Math.round(budgetOf(objectivePercent) * hours * 3600);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (seconds >= size) {
      parts.push(`${Math.floor(seconds / size)}${unit}`);
      seconds %= size;
    }
  }
  return parts.length > 0 ? parts.slice(0, 2).join(' ') : '0s';
}
