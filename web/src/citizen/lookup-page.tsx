import { useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Image, Input, Radio, Segmented, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { applyFieldErrors } from '../lib/form-errors.ts';
import { citizenZhCN } from './citizen-i18n.ts';
import { citizenApi, type CitizenCredentials, type CitizenMatter, type CitizenRating, type CitizenStatus } from './citizen-api.ts';

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD HH:mm` in the phone's time zone. */
function formatMinute(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** True when the title is only the start of the description (taken from it at submission): not shown twice. */
function isTitleFromDescription(m: Pick<CitizenMatter, 'title' | 'description'>): boolean {
  return m.description.trim().startsWith(m.title.replace(/…$/, ''));
}

/** The colour of each status: open states blue/orange, the one that needs the citizen red, done green. */
const statusColour: Record<CitizenStatus, string> = {
  received: 'blue',
  dispatched: 'blue',
  in_progress: 'orange',
  replied: 'red',
  closed: 'green',
  reviewed: 'green',
  merged: 'default',
};

type Mode = 'secret' | 'phone';
/** The timeline steps that have words of their own (a step added later falls back to its status). */
type TimelineAction = keyof typeof citizenZhCN.timelineWords;
interface LookupForm {
  code: string;
  secret?: string;
  phoneLast4?: string;
}

/** The photos of the citizen's own matter, fetched with the same credentials. */
function Photos({ cred, photos }: { cred: CitizenCredentials; photos: CitizenMatter['photos'] }) {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    let cancelled = false;
    const made: string[] = [];
    void (async () => {
      for (const p of photos) {
        try {
          const url = await citizenApi.photoUrl(cred, p.id);
          made.push(url);
          if (!cancelled) setUrls([...made]);
        } catch {
          // A photo that will not load is left out; the rest of the page still helps.
        }
      }
    })();
    return () => {
      cancelled = true;
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [cred, photos]);
  if (!photos.length) return null;
  return (
    <div className="citizen-photos" data-testid="citizen-view-photos">
      <Image.PreviewGroup>
        {urls.map((u, i) => (
          <Image key={u} src={u} width={96} height={96} alt={photos[i]?.fileName} className="citizen-photo" />
        ))}
      </Image.PreviewGroup>
    </div>
  );
}

interface RateForm {
  solved?: boolean;
  rating?: CitizenRating;
  comment?: string;
}

/** 解决了吗 / 满意 · 基本满意 · 不满意 / comment: the citizen's rating of the reply. */
function RatingForm({ cred, onRated }: { cred: CitizenCredentials; onRated: (m: CitizenMatter) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RateForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (v: RateForm) => {
    setBusy(true);
    setError(null);
    try {
      const after = await citizenApi.rate(cred, { solved: v.solved!, rating: v.rating!, comment: v.comment?.trim() || undefined });
      void message.success(v.rating === 'unsatisfied' ? t('citizen.rating.reopened') : t('citizen.rating.thanks'));
      onRated(after);
    } catch (err) {
      applyFieldErrors(form, err);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('citizen.rating.title')} className="citizen-card citizen-rate" data-testid="citizen-rate">
      <Typography.Paragraph type="secondary">{t('citizen.rating.intro')}</Typography.Paragraph>
      <Form<RateForm> form={form} layout="vertical" size="large" requiredMark={false} onFinish={send} disabled={busy}>
        <Form.Item name="solved" label={t('citizen.rating.solved')} rules={[{ required: true, message: t('citizen.rating.solvedRequired') }]}>
          <Radio.Group optionType="button" buttonStyle="solid" className="citizen-choice" data-testid="citizen-solved">
            <Radio.Button value={true}>{t('citizen.rating.solvedYes')}</Radio.Button>
            <Radio.Button value={false}>{t('citizen.rating.solvedNo')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="rating" label={t('citizen.rating.rating')} rules={[{ required: true, message: t('citizen.rating.ratingRequired') }]}>
          <Radio.Group optionType="button" buttonStyle="solid" className="citizen-choice" data-testid="citizen-rating">
            {(['satisfied', 'basically_satisfied', 'unsatisfied'] as const).map((r) => (
              <Radio.Button key={r} value={r}>
                {t(`citizen.rating.${r}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="comment" label={t('citizen.rating.comment')}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('citizen.rating.commentPlaceholder')} data-testid="citizen-comment" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} className="citizen-alert" />}
        <Button type="primary" htmlType="submit" block loading={busy} className="citizen-primary" data-testid="citizen-rate-send">
          {t('citizen.rating.send')}
        </Button>
      </Form>
    </Card>
  );
}

/** What the citizen sees of their matter: status in plain words, reply, rating, progress. */
function MatterView({ view, cred, onRated }: { view: CitizenMatter; cred: CitizenCredentials; onRated: (m: CitizenMatter) => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en-US';
  return (
    <div className="citizen-view" data-testid="citizen-view">
      <Card className="citizen-card">
        <div className="citizen-status-row">
          <Tag color={statusColour[view.status]} className="citizen-status" data-testid="citizen-status">
            {t(`citizen.statusWords.${view.status}`)}
          </Tag>
          <span className="citizen-code">{view.code}</span>
        </div>
        <Typography.Paragraph className="citizen-status-explain">{t(`citizen.statusExplain.${view.status}`)}</Typography.Paragraph>
        {view.isMerged && <Alert type="info" showIcon title={t('citizen.view.merged')} className="citizen-alert" />}
        <Descriptions column={1} size="small" className="citizen-facts">
          <Descriptions.Item label={t('citizen.view.unit')}>{view.unitName ?? t('citizen.view.notYet')}</Descriptions.Item>
          <Descriptions.Item label={t('citizen.view.created')}>{formatMinute(view.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('citizen.view.deadline')}>{view.resolveBy ? formatMinute(view.resolveBy) : t('citizen.view.notYet')}</Descriptions.Item>
          {view.category && <Descriptions.Item label={t('citizen.view.category')}>{english && view.category.nameEn ? view.category.nameEn : view.category.name}</Descriptions.Item>}
          {view.address && <Descriptions.Item label={t('citizen.view.address')}>{view.address}</Descriptions.Item>}
        </Descriptions>
      </Card>

      {view.replyText && (
        <Card title={t('citizen.view.reply')} className="citizen-card citizen-reply" data-testid="citizen-reply">
          <Typography.Paragraph className="citizen-reply-text">{view.replyText}</Typography.Paragraph>
          <Typography.Text type="secondary">{t('citizen.view.labelled', { label: t('citizen.view.repliedAt'), value: formatMinute(view.repliedAt) })}</Typography.Text>
        </Card>
      )}

      {view.rating && (
        <Card title={t('citizen.view.yourRating')} className="citizen-card" data-testid="citizen-your-rating">
          <Tag color={view.rating.rating === 'unsatisfied' ? 'red' : 'green'} className="citizen-status">
            {t(`citizen.rating.${view.rating.rating}`)}
          </Tag>
          {view.rating.solved !== null && (
            <Typography.Text>{t('citizen.view.labelled', { label: t('citizen.view.solved'), value: view.rating.solved ? t('citizen.view.solvedYes') : t('citizen.view.solvedNo') })}</Typography.Text>
          )}
          {view.rating.comment && (
            <Typography.Paragraph className="citizen-rating-comment">{t('citizen.view.labelled', { label: t('citizen.view.comment'), value: view.rating.comment })}</Typography.Paragraph>
          )}
        </Card>
      )}

      {view.canRate && <RatingForm cred={cred} onRated={onRated} />}

      <Card title={t('citizen.view.description')} className="citizen-card">
        {!isTitleFromDescription(view) && <Typography.Paragraph strong>{view.title}</Typography.Paragraph>}
        <Typography.Paragraph className="citizen-description">{view.description}</Typography.Paragraph>
        <Photos cred={cred} photos={view.photos} />
      </Card>

      <Card title={t('citizen.view.timeline')} className="citizen-card" data-testid="citizen-timeline">
        <Timeline
          items={[...view.timeline].reverse().map((e) => ({
            key: `${e.at}-${e.action}`,
            title: formatMinute(e.at),
            content: e.action in citizenZhCN.timelineWords ? t(`citizen.timelineWords.${e.action as TimelineAction}`) : t(`citizen.statusWords.${e.status}`),
          }))}
        />
      </Card>
    </div>
  );
}

/** Look-up by code + secret or code + last 4 digits of the phone; then the matter and the rating form. */
export function LookupPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LookupForm>();
  const [mode, setMode] = useState<Mode>('secret');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<{ cred: CitizenCredentials; view: CitizenMatter } | null>(null);
  const initialCode = (location.state as { code?: string } | null)?.code ?? params.get('code') ?? '';

  const search = async (v: LookupForm) => {
    setBusy(true);
    setError(null);
    const code = v.code.trim();
    const cred: CitizenCredentials = mode === 'secret' ? { code, secret: (v.secret ?? '').trim() } : { code, phoneLast4: (v.phoneLast4 ?? '').trim() };
    try {
      setFound({ cred, view: await citizenApi.lookup(cred) });
    } catch (err) {
      const left = applyFieldErrors(form, err);
      const hasFields = err instanceof ApiError && Object.keys(err.fields).length > 0;
      setError(hasFields && left.length === 0 ? null : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (found) {
    return (
      <div className="citizen-page">
        <MatterView view={found.view} cred={found.cred} onRated={(view) => setFound({ ...found, view })} />
        <Button block size="large" className="citizen-secondary" onClick={() => setFound(null)}>
          {t('citizen.lookup.another')}
        </Button>
      </div>
    );
  }

  return (
    <div className="citizen-page" data-testid="citizen-lookup">
      <Typography.Title level={3} className="citizen-title">
        {t('citizen.lookup.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('citizen.lookup.intro')}</Typography.Paragraph>
      <Form<LookupForm> form={form} layout="vertical" size="large" requiredMark={false} onFinish={search} disabled={busy} initialValues={{ code: initialCode }}>
        <Form.Item name="code" label={t('citizen.lookup.code')} rules={[{ required: true, whitespace: true, message: t('citizen.lookup.codeRequired') }]}>
          <Input maxLength={40} placeholder={t('citizen.lookup.codePlaceholder')} autoCapitalize="characters" autoComplete="off" data-testid="citizen-lookup-code" />
        </Form.Item>
        <Form.Item label={t('citizen.lookup.by')}>
          <Segmented<Mode>
            block
            value={mode}
            onChange={setMode}
            options={[
              { value: 'secret', label: <span data-testid="citizen-by-secret">{t('citizen.lookup.bySecret')}</span> },
              { value: 'phone', label: <span data-testid="citizen-by-phone">{t('citizen.lookup.byPhone')}</span> },
            ]}
          />
        </Form.Item>
        {mode === 'secret' ? (
          <Form.Item name="secret" label={t('citizen.lookup.bySecret')} rules={[{ required: true, whitespace: true, message: t('citizen.lookup.secretRequired') }]}>
            <Input maxLength={40} placeholder={t('citizen.lookup.secretPlaceholder')} autoCapitalize="characters" autoComplete="off" data-testid="citizen-lookup-secret" />
          </Form.Item>
        ) : (
          <Form.Item name="phoneLast4" label={t('citizen.lookup.byPhone')} rules={[{ required: true, pattern: /^\d{4}$/, message: t('citizen.lookup.phoneRequired') }]}>
            <Input maxLength={4} inputMode="numeric" placeholder={t('citizen.lookup.phonePlaceholder')} autoComplete="off" data-testid="citizen-lookup-phone" />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={t('citizen.lookup.failed')} description={error} className="citizen-alert" data-testid="citizen-lookup-error" />}
        <Button type="primary" htmlType="submit" block loading={busy} className="citizen-primary" data-testid="citizen-lookup-send">
          {t('citizen.lookup.search')}
        </Button>
      </Form>
    </div>
  );
}
