import type { HealthWarning, ServiceMetrics } from '@credit/shared';
import { CALENDAR_WARNING_DAYS, type WorkingCalendarService } from './workingCalendar.service';

/** /health/ready warns (readiness unchanged) when the next year's calendar is due to be set. */
export const calendarCoverageWarning = (calendar: WorkingCalendarService): HealthWarning => ({
  name: 'workingCalendar',
  async check() {
    const c = await calendar.coverage();
    if (!c.short) return null;
    return c.knownThrough
      ? `working days are known only ${c.daysKnownAhead} days ahead (through ${c.knownThrough}, fewer than ${CALENDAR_WARNING_DAYS}): set the next year with setWorkingCalendar; later deadlines are provisional`
      : 'no working-calendar year is known: every deadline is provisional';
  },
});

/** working_calendar_days_known_ahead: alert on it below 60. */
export const calendarCoverageGauge = (metrics: ServiceMetrics, calendar: WorkingCalendarService): void =>
  metrics.gauge(
    'working_calendar_days_known_ahead',
    'Days from today to the last day of the known working-calendar years (deadlines beyond are provisional)',
    async () => (await calendar.coverage()).daysKnownAhead,
  );
