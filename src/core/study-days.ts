import { localDate } from './calendar.js';

/**
 * One local calendar day of study, summed. Pace, streaks and the week chart only ever ask about
 * days, so they read these instead of every event: a long history has 40,000 done modules, and
 * an object per event cost more than the rest of `status`.
 */
export interface StudyDay {
  /** Local midnight. */
  start: Date;
  /** 'yyyy-MM-dd', local. */
  key: string;
  /** Study events: sessions and done modules (skipping is not study). */
  events: number;
  /** Entries with minutes that count: logged ones, and estimates of done modules with none. */
  counted: number;
  /** Their minutes. */
  minutes: number;
  /** Modules marked done. */
  done: number;
  /** Done modules with both logged minutes and an estimate: what calibration compares. */
  calibrating: number;
  actualMinutes: number;
  estimateMinutes: number;
}

/** Collects events into days. Events come roughly in time order, so the last day is kept at hand. */
export class StudyDays {
  readonly #days = new Map<number, StudyDay>();
  #current: StudyDay | null = null;
  #from = Number.NaN;
  #to = Number.NaN;

  /** The day `ms` falls on, made if new; null for an invalid time. */
  #dayOf(ms: number): StudyDay | null {
    if (ms >= this.#from && ms < this.#to) return this.#current;
    if (Number.isNaN(ms)) return null;
    const start = new Date(ms);
    start.setHours(0, 0, 0, 0);
    const end = new Date(start);
    end.setDate(end.getDate() + 1);
    let day = this.#days.get(start.getTime());
    if (!day) {
      day = {
        start,
        key: localDate(start),
        events: 0,
        counted: 0,
        minutes: 0,
        done: 0,
        calibrating: 0,
        actualMinutes: 0,
        estimateMinutes: 0,
      };
      this.#days.set(start.getTime(), day);
    }
    this.#current = day;
    this.#from = start.getTime();
    this.#to = end.getTime();
    return day;
  }

  /** Something was studied at `ms`. */
  studied(ms: number): void {
    const day = this.#dayOf(ms);
    if (day) day.events++;
  }

  /** Minutes that count toward the day's total. */
  counted(ms: number, minutes: number): void {
    const day = this.#dayOf(ms);
    if (!day) return;
    day.counted++;
    day.minutes += minutes;
  }

  /** A module marked done, with its estimate and the minutes logged on it until then. */
  finished(ms: number, estimateMinutes: number, actualMinutes: number): void {
    const day = this.#dayOf(ms);
    if (!day) return;
    day.done++;
    if (actualMinutes > 0 && estimateMinutes > 0) {
      day.calibrating++;
      day.actualMinutes += actualMinutes;
      day.estimateMinutes += estimateMinutes;
    }
  }

  /** Every day with something on it, oldest first. */
  list(): StudyDay[] {
    return [...this.#days.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
  }
}
