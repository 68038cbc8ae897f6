import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys, useCalendarStatus } from '../../api/queries.ts';
import type { CalendarDay, CalendarYear, DeclaredDay } from '../../api/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useReportError } from '../../lib/use-report-error.ts';
import { formatDateTime } from '../../lib/format.ts';
import { CalendarWarning } from './calendar-warning.tsx';
import { DayModal } from './day-modal.tsx';
import { YearGrid } from './year-grid.tsx';
import { dayName } from './calendar-labels.ts';

/** First year of the built-in holiday data. */
const FIRST_YEAR = 2004;
const LAST_YEAR = 2099;

function parseYear(v: string | null): number | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n >= 2000 && n <= LAST_YEAR ? n : undefined;
}

/** 工作日历: the year's days off and make-up working days; admins of the top-level unit correct them. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = useCalendarStatus();
  const thisYear = Number((status.data?.today ?? new Date().toISOString()).slice(0, 4));
  const year = parseYear(params.get('year')) ?? thisYear;
  const setYear = (y: number) => setParams(y === thisYear ? {} : { year: String(y) }, { replace: true });

  const calendar = useQuery({
    queryKey: keys.calendarYear(year),
    queryFn: () => api.get<CalendarYear>('/calendar', { year }),
    placeholderData: keepPreviousData,
  });
  const data = calendar.data?.year === year ? calendar.data : undefined;
  const canManage = !!(calendar.data?.canManage ?? status.data?.canManage);
  const items = useMemo(() => data?.items ?? [], [data]);
  const [editing, setEditing] = useState<CalendarDay | 'new' | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const yearOptions = useMemo(() => {
    const last = Math.min(LAST_YEAR, Math.max(thisYear + 2, year));
    const first = Math.min(FIRST_YEAR, year);
    return Array.from({ length: last - first + 1 }, (_, i) => last - i).map((y) => ({ value: y, label: t('calendar.yearOption', { year: y }) }));
  }, [thisYear, year, t]);

  const kindLabel = (d: DeclaredDay) => (
    <span className={`cal-legend-item is-${d.kind}`}>
      <span className="cal-mark-inline">{t(d.kind === 'holiday' ? 'calendar.holidayMark' : 'calendar.workdayMark')}</span>
      {t(`calendar.kindNames.${d.kind}`)}
    </span>
  );
  const describe = (d: DeclaredDay) => `${t(`calendar.kindNames.${d.kind}`)}${dayName(d, i18n.language) ? ` ${dayName(d, i18n.language)}` : ''}`;
  const weekdayNames = t('calendar.weekdayNames').split(',');

  const remove = async (date: string) => {
    setRemoving(date);
    try {
      await api.delete(`/calendar/days/${date}`);
      await queryClient.invalidateQueries({ queryKey: keys.calendar });
      void message.success(t('calendar.removed'));
    } catch (err) {
      reportError(err);
    } finally {
      setRemoving(null);
    }
  };

  const holidays = items.filter((d) => d.kind === 'holiday').length;

  return (
    <div className="page calendar-page">
      <PageHeader
        title={t('calendar.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="calendar-add">
              {t('calendar.add')}
            </Button>
          )
        }
      />
      <CalendarWarning status={status.data} />
      <Card className="filter-card">
        <div className="cal-toolbar">
          <Space wrap size={[8, 8]}>
            <Button icon={<LeftOutlined />} aria-label={t('calendar.prevYear')} title={t('calendar.prevYear')} disabled={year <= 2000} onClick={() => setYear(year - 1)} />
            <Select value={year} options={yearOptions} onChange={setYear} style={{ width: 120 }} aria-label={t('calendar.year')} data-testid="calendar-year" />
            <Button icon={<RightOutlined />} aria-label={t('calendar.nextYear')} title={t('calendar.nextYear')} disabled={year >= LAST_YEAR} onClick={() => setYear(year + 1)} />
            {year !== thisYear && <Button onClick={() => setYear(thisYear)}>{t('calendar.thisYear')}</Button>}
          </Space>
          <Space wrap size={[16, 8]} className="cal-legend">
            <span className="cal-legend-item is-holiday">
              <span className="cal-mark-inline">{t('calendar.holidayMark')}</span>
              {t(`calendar.kindNames.holiday`)}
            </span>
            <span className="cal-legend-item is-workday">
              <span className="cal-mark-inline">{t('calendar.workdayMark')}</span>
              {t(`calendar.kindNames.workday`)}
            </span>
            <span className="cal-legend-item is-override">
              <span className="cal-legend-swatch" />
              {t('calendar.legendOverride')}
            </span>
            {status.data && <Typography.Text type="secondary">{t('calendar.coveredThrough', { date: status.data.coveredThrough })}</Typography.Text>}
          </Space>
        </div>
        <Typography.Paragraph type="secondary" className="cal-intro">
          {t('calendar.intro')}
          {!canManage && status.data && ` ${t('calendar.readOnly')}`}
        </Typography.Paragraph>
      </Card>
      {calendar.error && <Alert type="error" showIcon title={calendar.error.message} />}
      {data && !data.isCovered && <Alert type="info" showIcon title={t('calendar.notCovered', { year })} data-testid="calendar-not-covered" />}
      <Card className="cal-card">
        <Spin spinning={calendar.isFetching && !data}>
          <YearGrid year={year} items={items} today={status.data?.today} />
        </Spin>
      </Card>
      <Card
        className="table-card"
        title={
          <Space size={12} wrap>
            <span>{t('calendar.listTitle', { year })}</span>
            <Typography.Text type="secondary" className="cal-list-count">
              {t('calendar.listCount', { holidays, workdays: items.length - holidays })}
            </Typography.Text>
          </Space>
        }
      >
        <Table<CalendarDay>
          rowKey="date"
          size="small"
          loading={calendar.isFetching}
          dataSource={items}
          pagination={false}
          scroll={{ x: 1180 }}
          data-testid="calendar-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.empty')} /> }}
          columns={[
            { title: t('calendar.date'), dataIndex: 'date', width: 110, render: (v: string) => <span className="mono-text">{v}</span> },
            { title: t('calendar.weekday'), dataIndex: 'weekday', width: 70, render: (v: number) => weekdayNames[v] },
            { title: t('calendar.kind'), dataIndex: 'kind', width: 180, render: (_: unknown, d) => kindLabel(d) },
            { title: t('calendar.name'), dataIndex: 'name', width: 150, render: (_: unknown, d) => dayName(d, i18n.language) ?? t('common.empty') },
            {
              title: t('calendar.source'),
              dataIndex: 'source',
              width: 150,
              render: (_: unknown, d) => (
                <Space size={4} wrap>
                  <Tag color={d.source === 'override' ? 'orange' : 'default'} data-testid="calendar-source">
                    {t(`calendar.sourceNames.${d.source}`)}
                  </Tag>
                  {d.packageDay && (
                    <Typography.Text type="secondary" className="cal-replaces">
                      {t('calendar.replaces')}：{describe(d.packageDay)}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('calendar.note'),
              dataIndex: 'note',
              minWidth: 180,
              ellipsis: true,
              render: (v: string | null) => v || t('common.empty'),
            },
            {
              title: t('calendar.updatedAt'),
              dataIndex: 'updatedAt',
              width: 160,
              render: (v: string | null) => (v ? <span className="cal-updated">{formatDateTime(v)}</span> : t('common.empty')),
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 180,
                    fixed: 'right' as const,
                    render: (_: unknown, d: CalendarDay) => (
                      <Space size={0}>
                        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(d)}>
                          {t('calendar.correct')}
                        </Button>
                        {d.source === 'override' && (
                          <Popconfirm
                            title={t('calendar.removeConfirm', { date: d.date })}
                            description={<div className="popconfirm-text">{d.packageDay ? t('calendar.removeHintPackage', { what: describe(d.packageDay) }) : t('calendar.removeHintNone')}</div>}
                            onConfirm={() => remove(d.date)}
                            okText={t('calendar.remove')}
                            okButtonProps={{ danger: true }}
                            cancelText={t('common.cancel')}
                          >
                            <Button type="link" size="small" danger icon={<DeleteOutlined />} loading={removing === d.date} data-testid="calendar-remove">
                              {t('calendar.remove')}
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {canManage && (
        <DayModal
          open={editing !== null}
          day={editing && editing !== 'new' ? editing : undefined}
          defaultYear={year}
          onClose={() => setEditing(null)}
          onSaved={(date) => {
            setEditing(null);
            setYear(Number(date.slice(0, 4)));
          }}
        />
      )}
    </div>
  );
}
