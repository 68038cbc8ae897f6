import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, InputNumber, Space, Spin, Tag, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Setting } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { PageHeader } from '../components/page-header.tsx';
import { UnitTreeSelect } from '../components/unit-tree-select.tsx';
import { matterKeys } from '../matters/matter-api.ts';
import { catalogueRoutes, useSettings } from './catalogue-api.ts';
import './catalogue.css';

// The settings this screen knows how to edit; the server's list decides which are shown.
const dayLimits = { unrated_close_days: 365, backlog_days: 3650, review_after_days: 365 } as const;
type DayKey = keyof typeof dayLimits;
const isDayKey = (k: string): k is DayKey => k in dayLimits;
const knownKeys = ['unrated_close_days', 'backlog_days', 'review_after_days', 'public_intake_unit_id'] as const;
type KnownKey = (typeof knownKeys)[number];
const isKnown = (k: string): k is KnownKey => (knownKeys as readonly string[]).includes(k);

/** 闭环设置: the closed loop's deployment-wide settings, each saved on its own (audited on the server). */
export function SettingsPage() {
  const { t } = useTranslation();
  const q = useSettings();
  const items = (q.data?.items ?? []).filter((s) => isKnown(s.key));
  const canChange = q.data?.canChange ?? false;
  return (
    <div className="page">
      <PageHeader title={t('catalogue.settings.title')}>
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('catalogue.settings.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Card className="settings-card">
        {q.isLoading ? (
          <Spin />
        ) : q.error ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q.error.message} />
        ) : (
          <div className="settings-list">
            {!canChange && <Alert type="info" showIcon title={t('catalogue.settings.rootOnly')} />}
            {items.map((s) => (
              <SettingRow key={s.key} setting={s as Setting & { key: KnownKey }} canChange={canChange} />
            ))}
          </div>
        )}
      </Card>
    </div>
  );
}

function SettingRow({ setting, canChange }: { setting: Setting & { key: KnownKey }; canChange: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<{ value: number | string | null }>();
  const [busy, setBusy] = useState(false);
  const name = t(`catalogue.settings.${setting.key}`);

  useEffect(() => {
    form.setFieldsValue({ value: (setting.value as number | string | null) ?? null });
  }, [setting.value, form]);

  const save = async ({ value }: { value: number | string | null | undefined }) => {
    setBusy(true);
    try {
      await api.put(catalogueRoutes.setting(setting.key), { value: value ?? null });
      void message.success(t('catalogue.settings.saved', { name }));
      await qc.invalidateQueries({ queryKey: matterKeys.settings });
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={save} className="setting-row" data-testid={`setting-${setting.key}`} disabled={!canChange}>
      <Form.Item
        name="value"
        label={
          <Space size={8}>
            {name}
            {setting.isDefault ? <Tag>{t('catalogue.settings.default')}</Tag> : <Tag color="blue">{t('catalogue.settings.custom')}</Tag>}
            {setting.updatedAt && <Typography.Text type="secondary">{formatDateTime(setting.updatedAt).slice(0, 16)}</Typography.Text>}
          </Space>
        }
        extra={t(`catalogue.settings.${setting.key}Hint`)}
        rules={isDayKey(setting.key) ? [{ required: true, message: t('common.required', { field: name }) }] : []}
      >
        {isDayKey(setting.key) ? <InputNumber min={1} max={dayLimits[setting.key]} precision={0} style={{ width: 200 }} /> : <UnitTreeSelect allowClear style={{ width: 360 }} />}
      </Form.Item>
      <Button htmlType="submit" icon={<SaveOutlined />} loading={busy} data-testid={`setting-save-${setting.key}`}>
        {t('catalogue.settings.saveOne')}
      </Button>
    </Form>
  );
}
