import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { matterKinds, matterOrigins, urgencies, type MatterCreateInput, type MatterDetail, type MatterKind, type MatterOrigin, type Urgency } from '../api/types.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { PageHeader } from '../components/page-header.tsx';
import { CategoryTreeSelect } from './category-tree-select.tsx';
import { CallerMatters } from './caller-matters.tsx';
import { IntakeSuggestions } from '../text/intake-suggestions.tsx';
import { IntakeDuplicates } from '../text/intake-duplicates.tsx';
import { recordIntakeSuggestions } from '../text/text-api.ts';
import { matterKeys } from './matter-api.ts';
import './matters.css';

interface Values {
  kind: MatterKind;
  origin: MatterOrigin;
  urgency: Urgency;
  title: string;
  description: string;
  categoryId?: string;
  address?: string;
  regionCode?: string;
  anonymous: boolean;
  petitioner?: { name?: string; phone?: string; idNumber?: string; address?: string };
}

// Mirrors the server's phone pattern only to decide when to look the caller up, not to refuse.
const phoneChars = /^[0-9+\-() /]{5,40}$/;

/** The phone to look up once it has enough digits to name one caller, else null. */
function lookupPhone(raw: string | undefined): string | null {
  const v = (raw ?? '').trim();
  if (!phoneChars.test(v)) return null;
  return v.replace(/\D/g, '').length >= 7 ? v : null;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(h);
  }, [value, ms]);
  return v;
}

const trimmed = (v: string | undefined) => (v ?? '').trim() || undefined;

/** The body of POST /matters from the form's values. */
function toBody(v: Values): MatterCreateInput {
  const p = v.petitioner ?? {};
  const petitioner = v.anonymous ? undefined : { name: trimmed(p.name), phone: trimmed(p.phone), idNumber: trimmed(p.idNumber), address: trimmed(p.address) };
  return {
    kind: v.kind,
    origin: v.origin,
    urgency: v.urgency,
    title: v.title.trim(),
    description: v.description.trim(),
    categoryId: v.categoryId || undefined,
    address: trimmed(v.address),
    regionCode: trimmed(v.regionCode),
    petitioner: petitioner && Object.values(petitioner).some(Boolean) ? petitioner : undefined,
  };
}

/**
 * 受理: the operator's intake form for a call, letter, visit or a problem found. While the phone is
 * typed, open matters of the same caller are listed beside the form so a repeat call (催办) is
 * recorded on the earlier matter instead of creating a new one. Saving opens the new matter.
 */
export function IntakePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const anonymous = Form.useWatch('anonymous', form) ?? false;
  const phone = Form.useWatch(['petitioner', 'phone'], form);
  const caller = useDebounced(anonymous ? null : lookupPhone(phone), 400);
  // Suggestions and likely duplicates follow the text as it is typed, once it rests for a moment.
  const text = {
    title: useDebounced((Form.useWatch('title', form) ?? '').trim(), 600),
    description: useDebounced((Form.useWatch('description', form) ?? '').trim(), 600),
    address: useDebounced((Form.useWatch('address', form) ?? '').trim(), 600),
  };
  const categoryId = Form.useWatch('categoryId', form);
  const buildMatter = async () => {
    try {
      return toBody(await form.validateFields());
    } catch {
      return null;
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    const body = toBody(v);
    try {
      const m = await api.post<MatterDetail>('/matters', body);
      recordIntakeSuggestions(m.id);
      qc.setQueryData(matterKeys.matter(m.id), m);
      await qc.invalidateQueries({ queryKey: matterKeys.matters, predicate: (q) => q.queryKey[1] !== 'detail' });
      void message.success(t('matters.intake.saved', { code: m.code }));
      navigate(`/matters/${m.id}`);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <div className="page">
      <PageHeader title={t('matters.intake.title')}>
        <Typography.Text type="secondary">{t('matters.intake.subtitle')}</Typography.Text>
      </PageHeader>
      <div className="intake-layout">
        <Card className="intake-form-card">
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{ kind: 'demand', origin: 'hotline', urgency: 'normal', anonymous: false }}
            data-testid="intake-form"
            scrollToFirstError
          >
            <h3 className="form-section">{t('matters.intake.sectionMatter')}</h3>
            <div className="form-row">
              <Form.Item name="kind" label={t('matters.field.kind')}>
                <Radio.Group optionType="button" options={matterKinds.map((k) => ({ value: k, label: t(`matters.kind.${k}`) }))} />
              </Form.Item>
              <Form.Item name="urgency" label={t('matters.field.urgency')}>
                <Radio.Group optionType="button" options={urgencies.map((u) => ({ value: u, label: t(`matters.urgency.${u}`) }))} />
              </Form.Item>
            </div>
            <div className="form-row">
              <Form.Item name="origin" label={t('matters.field.origin')} rules={[{ required: true }]}>
                <Select data-testid="intake-origin" options={matterOrigins.map((o) => ({ value: o, label: t(`matters.origin.${o}`) }))} />
              </Form.Item>
              <Form.Item name="categoryId" label={t('matters.field.category')}>
                <CategoryTreeSelect usableOnly placeholder={t('matters.intake.categoryPlaceholder')} data-testid="intake-category" />
              </Form.Item>
            </div>
            <Form.Item name="title" label={t('matters.field.title')} rules={required(t('matters.field.title'))}>
              <Input maxLength={200} showCount placeholder={t('matters.intake.titlePlaceholder')} />
            </Form.Item>
            <Form.Item name="description" label={t('matters.field.description')} rules={required(t('matters.field.description'))}>
              <Input.TextArea rows={5} maxLength={10000} placeholder={t('matters.intake.descriptionPlaceholder')} />
            </Form.Item>

            <h3 className="form-section">{t('matters.intake.sectionPlace')}</h3>
            <div className="form-row form-row-wide">
              <Form.Item name="address" label={t('matters.field.address')}>
                <Input maxLength={300} placeholder={t('matters.intake.addressPlaceholder')} />
              </Form.Item>
              <Form.Item name="regionCode" label={t('matters.field.regionCode')} rules={[{ pattern: /^\d{6}$/, message: t('matters.intake.regionInvalid') }]}>
                <Input maxLength={6} placeholder={t('matters.intake.regionPlaceholder')} />
              </Form.Item>
            </div>

            <h3 className="form-section">
              {t('matters.intake.sectionPetitioner')}
              <span className="form-section-extra">
                <Form.Item name="anonymous" valuePropName="checked" noStyle>
                  <Switch size="small" data-testid="intake-anonymous" />
                </Form.Item>{' '}
                {t('matters.intake.anonymous')}
              </span>
            </h3>
            <Typography.Paragraph type="secondary" className="form-section-hint">
              {anonymous ? t('matters.intake.anonymousHint') : t('matters.intake.petitionerHint')}
            </Typography.Paragraph>
            {!anonymous && (
              <>
                <div className="form-row">
                  <Form.Item name={['petitioner', 'name']} label={t('matters.field.petitionerName')}>
                    <Input maxLength={100} autoComplete="off" />
                  </Form.Item>
                  <Form.Item name={['petitioner', 'phone']} label={t('matters.field.petitionerPhone')} rules={[{ pattern: phoneChars, message: t('matters.intake.phoneInvalid') }]}>
                    <Input maxLength={40} autoComplete="off" data-testid="intake-phone" />
                  </Form.Item>
                </div>
                <div className="form-row">
                  <Form.Item name={['petitioner', 'idNumber']} label={t('matters.field.petitionerIdNumber')}>
                    <Input maxLength={30} autoComplete="off" />
                  </Form.Item>
                  <Form.Item name={['petitioner', 'address']} label={t('matters.field.petitionerAddress')}>
                    <Input maxLength={300} autoComplete="off" />
                  </Form.Item>
                </div>
              </>
            )}
            <div className="form-actions">
              <Button onClick={() => form.resetFields()}>{t('common.reset')}</Button>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} data-testid="intake-submit">
                {t('matters.intake.submit')}
              </Button>
            </div>
          </Form>
        </Card>
        <div className="intake-side">
          <CallerMatters phone={caller} />
          <IntakeDuplicates title={text.title} description={text.description} address={text.address} phone={caller ?? undefined} buildMatter={buildMatter} />
          <IntakeSuggestions title={text.title} description={text.description} categoryId={categoryId} onUseCategory={(id) => form.setFieldValue('categoryId', id)} />
        </div>
      </div>
    </div>
  );
}
