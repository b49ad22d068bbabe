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
  /** Study events: sessions, done modules, and skips with minutes logged (a bare skip is not study). */
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

/** 0000-01-01 and 10000-01-01, UTC. */
const YEAR_0 = -62_167_219_200_000;
const YEAR_10000 = 253_402_300_800_000;
/** Collects events into days. Events come roughly in time order, so the last day is kept at hand. */
export class StudyDays {
  readonly #days = new Map<number, StudyDay>();
  #current: StudyDay | null = null;
  #from = Number.NaN;
  #to = Number.NaN;
  /** The current day's bounds as roadmap writes dates, so that most dates are placed unparsed. */
  #fromIso = '';
  #toIso = '';

  /** The day `ms` falls on, made if new; null for an invalid time. */
  ofTime(ms: number): StudyDay | null {
    if (ms >= this.#from && ms < this.#to) return this.#current;
    if (Number.isNaN(ms)) return null;
    const start = new Date(ms);
    start.setHours(0, 0, 0, 0);
    const end = new Date(start);
    // The next local midnight: a day whose own midnight a zone skipped starts at 01:00, and a
    // day later is 01:00 again, an hour into the next day.
    end.setDate(end.getDate() + 1);
    end.setHours(0, 0, 0, 0);
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
    this.#fromIso = '';
    this.#toIso = '';
    return day;
  }

  /**
   * The day of an ISO date. Dates in the shape roadmap writes (yyyy-mm-ddThh:mm:ss.sssZ) sort
   * as text in time order, so one inside the current day is placed by comparing text.
   */
  ofIso(iso: string): StudyDay | null {
    if (iso.length === 24 && iso >= this.#fromIso && iso < this.#toIso) return this.#current;
    const day = this.ofTime(Date.parse(iso));
    // Only years 0 to 9999 have that shape.
    if (day && this.#fromIso === '' && this.#from >= YEAR_0 && this.#to < YEAR_10000) {
      this.#fromIso = new Date(this.#from).toISOString();
      this.#toIso = new Date(this.#to).toISOString();
    }
    return day;
  }

  /** Something was studied at `ms`. */
  studied(ms: number): void {
    const day = this.ofTime(ms);
    if (day) day.events++;
  }

  /** Minutes that count toward the day's total. */
  counted(ms: number, minutes: number): void {
    const day = this.ofTime(ms);
    if (day) countMinutes(day, minutes);
  }

  /** A module marked done, with its estimate and the minutes logged on it until then. */
  finished(ms: number, estimateMinutes: number, actualMinutes: number): void {
    const day = this.ofTime(ms);
    if (day) countDone(day, estimateMinutes, actualMinutes);
  }

  /** Every day with something on it, oldest first. */
  list(): StudyDay[] {
    return [...this.#days.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
  }
}

export function countMinutes(day: StudyDay, minutes: number): void {
  day.counted++;
  day.minutes += minutes;
}

export function countDone(day: StudyDay, estimateMinutes: number, actualMinutes: number): void {
  day.done++;
  if (actualMinutes > 0 && estimateMinutes > 0) {
    day.calibrating++;
    day.actualMinutes += actualMinutes;
    day.estimateMinutes += estimateMinutes;
  }
}
