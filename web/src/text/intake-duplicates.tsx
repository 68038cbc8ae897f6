import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { CopyOutlined, MergeCellsOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { MatterCreateInput, MatterDetail } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { matterKeys } from '../matters/matter-api.ts';
import { StatusTag } from '../matters/matter-bits.tsx';
import { HighlightSpans } from './highlight-spans.tsx';
import { recordIntakeSuggestions, useIntakeDuplicates, type Duplicate } from './text-api.ts';
import './text.css';

interface Props {
  title: string;
  description: string;
  address?: string;
  phone?: string;
  /** The intake form's values as a matter to create, or null when the form has errors (shown on it). */
  buildMatter: () => Promise<MatterCreateInput | null>;
}

/**
 * 疑似重复诉求 beside the intake form: open and recent matters in scope that are likely the same
 * (same caller, or same place and matter), with the identical text highlighted. 合并 takes the
 * new matter in and merges it into the chosen one (POST /matters, then /matters/:id/merge);
 * 催办 records the call on the earlier matter of the same caller instead (POST /matters/:id/contacts).
 */
export function IntakeDuplicates({ title, description, address, phone, buildMatter }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const report = useReportError();
  const [busy, setBusy] = useState<string | null>(null);
  const enabled = title.length >= 2 && description.length >= 4;
  const q = useIntakeDuplicates({ title, description, address: address || undefined, phone: phone || undefined }, enabled);
  if (!enabled || q.isError) return null;
  const items = q.data?.items ?? [];

  const refresh = () => qc.invalidateQueries({ queryKey: matterKeys.matters });

  const merge = async (d: Duplicate) => {
    const body = await buildMatter();
    if (!body) return;
    setBusy(d.matter.id);
    let created: MatterDetail | null = null;
    try {
      created = await api.post<MatterDetail>('/matters', body);
      recordIntakeSuggestions(created.id);
      await api.post(`/matters/${created.id}/merge`, { version: created.version, intoId: d.matter.id });
      void message.success(t('text.duplicates.merged', { code: d.matter.code }));
      await refresh();
      navigate(`/matters/${d.matter.id}`);
    } catch (err) {
      report(err);
      // Taken in but not merged: open it, so the operator sees it and can merge from its page.
      if (created) {
        await refresh();
        navigate(`/matters/${created.id}`);
      }
    } finally {
      setBusy(null);
    }
  };

  const contact = async (d: Duplicate) => {
    setBusy(d.matter.id);
    try {
      await api.post(`/matters/${d.matter.id}/contacts`, { note: t('text.duplicates.contactNote', { title }) });
      void message.success(t('text.duplicates.contacted', { code: d.matter.code }));
      await refresh();
      navigate(`/matters/${d.matter.id}`);
    } catch (err) {
      report(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      className={items.length ? 'duplicates-card caller-card-hit' : 'duplicates-card'}
      data-testid="intake-duplicates"
      title={
        <span>
          <CopyOutlined /> {items.length ? t('text.duplicates.titleCount', { count: items.length }) : t('text.duplicates.title')}
        </span>
      }
    >
      {q.isLoading ? (
        <Spin size="small" />
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">{t('text.duplicates.none')}</Typography.Text>
      ) : (
        <>
          <Alert type="warning" showIcon title={t('text.duplicates.hint')} className="caller-hint" />
          {items.map((d) => (
            <div key={d.matter.id} className="duplicate-item" data-testid="duplicate-item">
              <div className="duplicate-head">
                <Link to={`/matters/${d.matter.id}`} className="mono-text">
                  {d.matter.code}
                </Link>
                <StatusTag status={d.matter.status} />
                <Tag color={d.samePetitioner ? 'orange' : 'blue'}>{t(`text.duplicates.reason.${d.reason}`)}</Tag>
                <Typography.Text type="secondary">{t('text.duplicates.score', { value: `${Math.round(d.score * 100)}%` })}</Typography.Text>
              </div>
              <div className="duplicate-title">
                <HighlightSpans text={d.matter.title} spans={d.spans.title.matter} />
              </div>
              <div className="duplicate-text" data-testid="duplicate-text">
                <HighlightSpans text={d.description} spans={d.spans.description.matter} />
              </div>
              <Typography.Text type="secondary" className="caller-matter-meta">
                {formatDateTime(d.matter.createdAt).slice(0, 16)}
                {d.matter.unitName ? ` · ${d.matter.unitName}` : ''}
                {d.address ? ` · ${d.address}` : ''}
              </Typography.Text>
              <div className="duplicate-actions">
                <Space size={6}>
                  <Popconfirm title={t('text.duplicates.mergeConfirm', { code: d.matter.code })} onConfirm={() => merge(d)}>
                    <Button size="small" type="primary" ghost icon={<MergeCellsOutlined />} loading={busy === d.matter.id} data-testid="duplicate-merge">
                      {t('text.duplicates.merge')}
                    </Button>
                  </Popconfirm>
                  {d.samePetitioner && d.matter.can.add_contact && (
                    <Button size="small" icon={<PhoneOutlined />} loading={busy === d.matter.id} onClick={() => contact(d)} data-testid="duplicate-contact">
                      {t('text.duplicates.contact')}
                    </Button>
                  )}
                </Space>
              </div>
            </div>
          ))}
          <Typography.Text type="secondary" className="caller-matter-meta">
            {t('text.duplicates.candidates', { count: q.data?.candidates ?? 0 })}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
