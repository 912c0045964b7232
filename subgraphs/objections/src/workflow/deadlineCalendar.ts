import { WorkingCalendar, type DueDay, type EntitiesCatalogue, type Logger } from '@credit/shared';

/** What a new calendar obliges: due days computed as provisional under the old one are counted again. */
export type OnCalendarChange = (calendar: WorkingCalendar) => Promise<unknown>;

/**
 * The working calendar deadlines are counted with, from entities (the calendar's home) through the
 * catalogue cache. `refresh` runs before each request, so a year set in entities applies from the
 * next request; `dueIn` then counts with what the last refresh found. Seeing a calendar it has not
 * seen before (a year set, or this process just started) runs `onChange` once, before the request
 * goes on. While entities cannot be asked and no copy was ever read, the years shipped with the code
 * count, and the next request asks again.
 */
export class DeadlineCalendar {
  private calendar: WorkingCalendar;
  private seen?: string;
  private changing?: { signature: string; done: Promise<void> };
  private unavailable = false;

  constructor(
    private readonly source: EntitiesCatalogue | WorkingCalendar,
    private readonly logger: Logger,
    private readonly onChange: OnCalendarChange = async () => {},
  ) {
    this.calendar = source instanceof WorkingCalendar ? source : new WorkingCalendar();
  }

  dueIn(from: string, n: number): DueDay {
    return this.calendar.dueIn(from, n);
  }

  get current(): WorkingCalendar {
    return this.calendar;
  }

  async refresh(requestId?: string): Promise<void> {
    if (this.source instanceof WorkingCalendar) return;
    let years;
    try {
      years = await this.source.workingCalendar(requestId);
      this.unavailable = false;
    } catch (err) {
      if (!this.unavailable)
        this.logger.warn(
          { err: (err as Error).message },
          'working calendar unreadable from entities; counting deadlines with the shipped years',
        );
      this.unavailable = true;
      return;
    }
    const signature = years.map((y) => `${y.year}v${y.version}`).join(',');
    if (signature === this.seen) return;
    if (this.changing?.signature !== signature) {
      const calendar = WorkingCalendar.ofYears(years);
      const done = this.onChange(calendar).then(() => {
        this.calendar = calendar;
        this.seen = signature;
      });
      const entry = { signature, done };
      this.changing = entry;
      const clear = () => {
        if (this.changing === entry) this.changing = undefined;
      };
      done.then(clear, clear);
    }
    try {
      await this.changing!.done;
    } catch (err) {
      // The old calendar serves this request (anything it counts past it stays provisional); the next one tries again.
      this.logger.warn({ err: (err as Error).message }, 'provisional due dates not counted again yet');
    }
  }
}
