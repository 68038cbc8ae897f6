import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '../../api/types.ts';
import { dayName } from './calendar-labels.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Days in a month of the Gregorian calendar (month 1–12). */
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Column of the 1st of a month in a week that starts on Monday (0 = Monday … 6 = Sunday). */
const firstColumn = (year: number, month: number) => (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;

interface Run {
  kind: CalendarDay['kind'];
  name: string | null;
  from: number;
  to: number;
  item: CalendarDay;
}

/** Runs of consecutive declared days of one month with the same kind and name: 国庆节 休 1—7日. */
function runsOf(items: CalendarDay[]): Run[] {
  const runs: Run[] = [];
  for (const item of items) {
    const day = Number(item.date.slice(8, 10));
    const last = runs.at(-1);
    if (last && last.kind === item.kind && last.name === item.name && last.to === day - 1) last.to = day;
    else runs.push({ kind: item.kind, name: item.name, from: day, to: day, item });
  }
  return runs;
}

/** One year as twelve compact month grids, days off marked 休 and make-up working days 班. */
export function YearGrid({ year, items, today }: { year: number; items: CalendarDay[]; today?: string }) {
  const { t, i18n } = useTranslation();
  const byDate = useMemo(() => new Map(items.map((d) => [d.date, d])), [items]);
  const weekdays = t('calendar.weekdays').split(',');
  const monthNames = t('calendar.monthNames').split(',');

  return (
    <div className="cal-year" data-testid="calendar-grid">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
        const prefix = `${year}-${pad(month)}-`;
        const monthItems = items.filter((d) => d.date.startsWith(prefix));
        const lead = firstColumn(year, month);
        return (
          <section key={month} className="cal-month" data-testid={`calendar-month-${month}`}>
            <h3 className="cal-month-title">{monthNames[month - 1]}</h3>
            <div className="cal-grid">
              {weekdays.map((w, col) => (
                <div key={w} className={`cal-head${col >= 5 ? ' is-weekend' : ''}`}>
                  {w}
                </div>
              ))}
              {Array.from({ length: lead }, (_, k) => (
                <div key={`lead-${k}`} className="cal-cell is-blank" />
              ))}
              {Array.from({ length: daysInMonth(year, month) }, (_, k) => {
                const day = k + 1;
                const date = prefix + pad(day);
                const declared = byDate.get(date);
                const weekend = (lead + k) % 7 >= 5;
                const cls = ['cal-cell', weekend && 'is-weekend', declared && `is-${declared.kind}`, declared?.source === 'override' && 'is-override', date === today && 'is-today'].filter(Boolean).join(' ');
                const mark = declared ? t(declared.kind === 'holiday' ? 'calendar.holidayMark' : 'calendar.workdayMark') : undefined;
                const name = declared ? dayName(declared, i18n.language) : undefined;
                return (
                  <div key={date} className={cls} data-date={date} data-mark={mark} title={declared ? `${date} ${name ?? ''} ${t(`calendar.kindNames.${declared.kind}`)}`.replace(/\s+/g, ' ') : date}>
                    <span className="cal-day-num">{day}</span>
                    {mark && <span className="cal-mark">{mark}</span>}
                  </div>
                );
              })}
            </div>
            <ul className="cal-month-names">
              {runsOf(monthItems).map((r) => (
                <li key={r.from} className={`is-${r.kind}`}>
                  <span className="cal-mark-inline">{t(r.kind === 'holiday' ? 'calendar.holidayMark' : 'calendar.workdayMark')}</span>
                  <span className="cal-run-name">{dayName(r.item, i18n.language) ?? t(`calendar.kindNames.${r.kind}`)}</span>
                  <span className="cal-run-days">{r.from === r.to ? t('calendar.dayOne', { day: r.from }) : t('calendar.dayRange', { from: r.from, to: r.to })}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
