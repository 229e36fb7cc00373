/** Day arithmetic and repeatable dice for laying demo data out backwards from the seeding day. */
import { addDays } from "./quarters";

/** The UK day `days` before `today` ('YYYY-MM-DD'); negative is after. */
export function daysBefore(today: string, days: number): string {
  return addDays(today, -days);
}

export function monthsBefore(today: string, months: number): string {
  return daysBefore(today, Math.round(months * 30.44));
}

/** A seeded pseudo-random number generator (mulberry32), so the demo is the same on every machine and every day. */
export function demoRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
