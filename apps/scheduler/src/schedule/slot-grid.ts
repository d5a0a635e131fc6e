import { createHash } from 'node:crypto';

export const HOUR_MS = 3_600_000;
export const MAX_CYCLE_MS = 24 * HOUR_MS;

/** A cycle of 1–24 whole hours; anything else is clamped, since the idp table enforces the range anyway. */
export function cycleMs(syncIntervalHours: number): number {
  const hours = Number.isInteger(syncIntervalHours) ? syncIntervalHours : 24;
  return Math.min(24, Math.max(1, hours)) * HOUR_MS;
}

/** Where in its cycle an IdP's slots start: a stable hash of its id, in whole seconds, so IdPs of one cycle are spread. */
export function slotOffsetMs(idpId: string, cycle: number): number {
  const fraction = createHash('sha256').update(idpId).digest().readUIntBE(0, 6) / 2 ** 48;
  return Math.floor((fraction * cycle) / 1000) * 1000;
}

/** Start of the IdP's slot that contains `at` (the latest slot that started at or before it). */
export function latestSlotStart(idpId: string, cycle: number, at: number): number {
  const offset = slotOffsetMs(idpId, cycle);
  return Math.floor((at - offset) / cycle) * cycle + offset;
}

/** Start of the IdP's first slot at or after `at`. */
export function firstSlotAtOrAfter(idpId: string, cycle: number, at: number): number {
  const latest = latestSlotStart(idpId, cycle, at);
  return latest === at ? at : latest + cycle;
}

/**
 * The commandId of a scheduled run: a name-based (v5-shaped) UUID of IdP and slot, so every replica and every
 * re-publication of one slot yields the same id and the directory collapses duplicates.
 */
export function scheduledCommandId(idpId: string, slotStart: number): string {
  const name = `larksync:scheduled-full-sync:${idpId}:${new Date(slotStart).toISOString()}`;
  const bytes = createHash('sha1').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * How many cycles the wait stretches to after `failures` consecutive failed runs: it doubles, and stays a whole
 * number of cycles no longer than a day so slots (and their commandIds) stay on the IdP's grid.
 */
export function backoffFactor(cycle: number, failures: number): number {
  const maxFactor = Math.max(1, Math.floor(MAX_CYCLE_MS / cycle));
  return Math.min(2 ** Math.min(Math.max(0, failures), 30), maxFactor);
}
