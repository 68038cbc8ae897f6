import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Select, Typography, type ButtonProps } from 'antd';
import {
  AimOutlined,
  AlertOutlined,
  CheckOutlined,
  CloseCircleOutlined,
  CrownOutlined,
  EyeOutlined,
  FlagOutlined,
  MergeCellsOutlined,
  MessageOutlined,
  PhoneOutlined,
  RollbackOutlined,
  SendOutlined,
  StarOutlined,
  SwapOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { ratings, type MatterAbility, type MatterDetail } from '../api/types.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { UnitTreeSelect } from '../components/unit-tree-select.tsx';
import { findMatterByCode, useDispatchSuggestion, useMatterWrite, useReplyTemplates } from './matter-api.ts';
import { ReplyCheckPanel, useReplyCheck } from '../text/reply-check.tsx';
import { DispatchSuggestionHint } from '../text/dispatch-suggestion-hint.tsx';

/** The workflow actions of the panel, in the order a matter meets them, with the route of each. */
const panelActions = [
  { ability: 'dispatch', path: 'dispatch', icon: <SendOutlined />, primary: true },
  { ability: 'accept', path: 'accept', icon: <CheckOutlined />, primary: true },
  { ability: 'reply', path: 'reply', icon: <MessageOutlined />, primary: true },
  { ability: 'resolve_on_spot', path: 'resolve-on-spot', icon: <ThunderboltOutlined /> },
  { ability: 'rate', path: 'rate', icon: <StarOutlined />, primary: true },
  { ability: 'review', path: 'review', icon: <EyeOutlined />, primary: true },
  { ability: 'claim', path: 'claim', icon: <FlagOutlined />, primary: true },
  { ability: 'reassign', path: 'reassign', icon: <SwapOutlined /> },
  { ability: 'return', path: 'return', icon: <RollbackOutlined />, danger: true },
  { ability: 'escalate', path: 'escalate', icon: <AlertOutlined /> },
  { ability: 'close_unmeetable', path: 'close-unmeetable', icon: <CloseCircleOutlined />, danger: true },
  { ability: 'merge', path: 'merge', icon: <MergeCellsOutlined /> },
  { ability: 'assign_leader', path: 'leader', icon: <CrownOutlined /> },
  { ability: 'add_contact', path: 'contacts', icon: <PhoneOutlined /> },
] as const satisfies readonly { ability: MatterAbility; path: string; icon: ReactNode; primary?: boolean; danger?: boolean }[];

type PanelAbility = (typeof panelActions)[number]['ability'];

/**
 * 办理操作: one button per action the matter's `can` allows the caller now (the server decides;
 * nothing here re-judges roles or states). Each opens its dialog; the answer replaces the matter.
 */
export function ActionsPanel({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<PanelAbility | null>(null);
  const shown = panelActions.filter((a) => matter.can[a.ability]);
  return (
    <Card size="small" title={t('matters.detail.sectionActions')} className="matter-card actions-card" data-testid="actions-panel">
      {shown.length === 0 ? (
        <Typography.Text type="secondary">{t('matters.detail.noActions')}</Typography.Text>
      ) : (
        <div className="action-buttons">
          {shown.map((a) => (
            <Button
              key={a.ability}
              icon={a.icon}
              type={'primary' in a && a.primary ? 'primary' : 'default'}
              danger={'danger' in a && a.danger}
              onClick={() => setOpen(a.ability)}
              data-testid={`action-${a.ability}`}
            >
              {t(`matters.action.${a.ability}`)}
            </Button>
          ))}
        </div>
      )}
      {open && <ActionDialog matter={matter} ability={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

interface Values {
  unitId?: string;
  coUnitIds?: string[];
  note?: string;
  reason?: string;
  text?: string;
  templateId?: string;
  rating?: (typeof ratings)[number];
  solved?: 'yes' | 'no' | 'unknown';
  outcome?: 'ok' | 'relapsed';
  intoCode?: string;
  leaderAccountId?: string;
}

const NO_LEADER = '__none__';

/** The body each action's route takes, from the dialog's values. */
async function bodyFor(ability: PanelAbility, v: Values, matter: MatterDetail): Promise<Record<string, unknown>> {
  const version = matter.version;
  const note = v.note?.trim() || undefined;
  switch (ability) {
    case 'dispatch':
      return { version, unitId: v.unitId, coUnitIds: v.coUnitIds ?? [], note };
    case 'reassign':
      return { version, unitId: v.unitId, note };
    case 'accept':
    case 'claim':
      return { version, note };
    case 'return':
    case 'close_unmeetable':
    case 'escalate':
      return { version, reason: v.reason?.trim() };
    case 'reply':
    case 'resolve_on_spot':
      return { version, text: v.text?.trim() };
    case 'rate':
      return { version, rating: v.rating, solved: v.solved === 'yes' ? true : v.solved === 'no' ? false : null, note };
    case 'review':
      return { version, outcome: v.outcome, note };
    case 'add_contact':
      return { version, note: v.note?.trim() };
    case 'assign_leader':
      return { version, leaderAccountId: !v.leaderAccountId || v.leaderAccountId === NO_LEADER ? null : v.leaderAccountId };
    case 'merge':
      return { version, intoId: await findMatterIdByCode(v.intoCode ?? ''), note };
  }
}

class MergeTargetError extends Error {}

/** The id of the matter with exactly this code in the caller's scope; MergeTargetError when there is none. */
async function findMatterIdByCode(code: string): Promise<string> {
  const hit = await findMatterByCode(code);
  if (!hit) throw new MergeTargetError(code.trim().toUpperCase());
  return hit.id;
}

/** The dialog of one action: its fields, then POST /matters/:id/<path> with the version seen. */
function ActionDialog({ matter, ability, onClose }: { matter: MatterDetail; ability: PanelAbility; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const write = useMatterWrite(matter.id);
  const [busy, setBusy] = useState(false);
  const action = panelActions.find((a) => a.ability === ability)!;
  const title = t(`matters.action.${ability}`);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      if (ability === 'merge' && v.intoCode?.trim().toUpperCase() === matter.code.toUpperCase()) throw new MergeTargetError('self');
      const body = await bodyFor(ability, v, matter);
      await write.mutateAsync({ path: action.path, body });
      void message.success(t('matters.action.done', { action: title }));
      onClose();
    } catch (err) {
      if (err instanceof MergeTargetError) {
        form.setFields([{ name: 'intoCode', errors: [err.message === 'self' ? t('matters.form.mergeSelf') : t('matters.form.mergeNotFound', { code: err.message })] }]);
      } else {
        report(err, form, { intoId: 'intoCode', text: 'text', coUnitIds: 'coUnitIds' });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${title} · ${matter.code}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={title}
      okButtonProps={{ danger: 'danger' in action && action.danger, 'data-testid': 'action-submit' } as ButtonProps}
      confirmLoading={busy}
      destroyOnHidden
      width={ability === 'reply' || ability === 'resolve_on_spot' ? 680 : 560}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} className="modal-form" data-testid={`action-form-${ability}`} initialValues={initialValues(ability, matter, t)}>
        <ActionFields ability={ability} matter={matter} form={form} />
      </Form>
    </Modal>
  );
}

function initialValues(ability: PanelAbility, matter: MatterDetail, t: (k: 'matters.intake.contactNoteDefault') => string): Partial<Values> {
  switch (ability) {
    case 'rate':
      return { solved: 'unknown' };
    case 'review':
      return { outcome: 'ok' };
    case 'dispatch':
      return { coUnitIds: [] };
    case 'add_contact':
      return { note: t('matters.intake.contactNoteDefault') };
    case 'assign_leader':
      return { leaderAccountId: matter.leader?.accountId ?? NO_LEADER };
    default:
      return {};
  }
}

function ActionFields({ ability, matter, form }: { ability: PanelAbility; matter: MatterDetail; form: ReturnType<typeof Form.useForm<Values>>[0] }) {
  const { t } = useTranslation();
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const requiredPick = (field: string) => [{ required: true, message: t('common.requiredSelect', { field }) }];
  const note = (
    <Form.Item name="note" label={t('matters.form.note')}>
      <Input.TextArea rows={2} maxLength={2000} />
    </Form.Item>
  );

  switch (ability) {
    case 'dispatch':
      return (
        <>
          <DispatchUnit matter={matter} form={form} />
          <Form.Item name="coUnitIds" label={t('matters.form.coUnits')}>
            <UnitTreeSelect multiple allowClear data-testid="dispatch-co-units" />
          </Form.Item>
          {note}
        </>
      );
    case 'reassign':
      return (
        <>
          <Form.Item name="unitId" label={t('matters.form.unit')} rules={requiredPick(t('matters.form.unit'))}>
            <UnitTreeSelect data-testid="reassign-unit" />
          </Form.Item>
          {note}
        </>
      );
    case 'accept':
      return (
        <Form.Item name="note" label={t('matters.form.acceptNote')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      );
    case 'claim':
      return (
        <Form.Item name="note" label={t('matters.form.claimNote')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      );
    case 'return':
      return (
        <Form.Item name="reason" label={t('matters.form.returnReason')} rules={required(t('matters.form.returnReason'))}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('matters.form.returnReasonPlaceholder')} data-testid="return-reason" />
        </Form.Item>
      );
    case 'escalate':
      return (
        <>
          <Alert type="info" showIcon title={t('matters.form.escalateHint')} className="modal-alert" />
          <Form.Item name="reason" label={t('matters.form.escalateReason')} rules={required(t('matters.form.escalateReason'))}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </>
      );
    case 'close_unmeetable':
      return (
        <>
          <Alert type="warning" showIcon title={t('matters.form.unmeetableHint')} className="modal-alert" />
          <Form.Item name="reason" label={t('matters.form.unmeetableReason')} rules={required(t('matters.form.unmeetableReason'))}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </>
      );
    case 'reply':
      return <ReplyFields matter={matter} form={form} />;
    case 'resolve_on_spot':
      return (
        <Form.Item name="text" label={t('matters.form.resolveText')} rules={required(t('matters.form.resolveText'))}>
          <Input.TextArea rows={5} maxLength={10000} placeholder={t('matters.form.replyPlaceholder')} />
        </Form.Item>
      );
    case 'rate':
      return (
        <>
          <Form.Item name="rating" label={t('matters.form.rating')} rules={requiredPick(t('matters.form.rating'))}>
            <Radio.Group optionType="button" buttonStyle="solid" options={ratings.map((r) => ({ value: r, label: t(`matters.rating.${r}`) }))} data-testid="rate-rating" />
          </Form.Item>
          <Form.Item name="solved" label={t('matters.form.solved')}>
            <Radio.Group
              options={[
                { value: 'yes', label: t('matters.solved.yes') },
                { value: 'no', label: t('matters.solved.no') },
                { value: 'unknown', label: t('matters.solved.unknown') },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('matters.form.ratingNote')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'review':
      return (
        <>
          <Form.Item name="outcome" label={t('matters.form.reviewOutcome')}>
            <Radio.Group
              options={[
                { value: 'ok', label: t('matters.form.reviewOk') },
                { value: 'relapsed', label: t('matters.form.reviewRelapsed') },
              ]}
            />
          </Form.Item>
          {note}
        </>
      );
    case 'merge':
      return (
        <>
          <Alert type="info" showIcon title={t('matters.form.mergeHint')} className="modal-alert" />
          <Form.Item name="intoCode" label={t('matters.form.mergeCode')} rules={required(t('matters.form.mergeCode'))}>
            <Input maxLength={40} placeholder={t('matters.form.mergeCodePlaceholder')} className="mono-text" data-testid="merge-code" />
          </Form.Item>
          {note}
        </>
      );
    case 'assign_leader':
      return <LeaderField matter={matter} />;
    case 'add_contact':
      return (
        <Form.Item name="note" label={t('matters.form.contactNote')} rules={required(t('matters.form.contactNote'))}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      );
  }
}

/** The responsible unit, prefilled from the dispatch catalogue (GET /dispatch-rules/suggest). */
function DispatchUnit({ matter, form }: { matter: MatterDetail; form: ReturnType<typeof Form.useForm<Values>>[0] }) {
  const { t } = useTranslation();
  const suggestion = useDispatchSuggestion(matter.categoryId, matter.regionCode, true);
  const suggested = suggestion.data?.unit ?? null;
  useEffect(() => {
    if (suggested && !form.getFieldValue('unitId')) form.setFieldValue('unitId', suggested.id);
  }, [suggested, form]);
  return (
    <>
      <Form.Item
        name="unitId"
        label={t('matters.form.unit')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('matters.form.unit') }) }]}
        extra={suggestion.isLoading || suggestion.isError ? null : suggested ? t('matters.form.unitSuggested', { unit: suggested.name }) : t('matters.form.unitNoRule')}
      >
        <UnitTreeSelect data-testid="dispatch-unit" />
      </Form.Item>
      <DispatchSuggestionHint matterId={matter.id} onPick={(unitId) => form.setFieldValue('unitId', unitId)} />
    </>
  );
}

/** The reply text, with the category's reply templates to start from. */
function ReplyFields({ matter, form }: { matter: MatterDetail; form: ReturnType<typeof Form.useForm<Values>>[0] }) {
  const { t } = useTranslation();
  const templates = useReplyTemplates(matter.categoryId);
  const replyCheck = useReplyCheck(matter.id);
  const options = (templates.data ?? []).map((x) => ({ value: x.id, label: x.category ? `${x.title}（${x.category.name}）` : x.title }));
  return (
    <>
      {options.length > 0 && (
        <Form.Item name="templateId" label={t('matters.form.template')}>
          <Select
            allowClear
            placeholder={t('matters.form.templatePlaceholder')}
            options={options}
            data-testid="reply-template"
            onChange={(id?: string) => {
              const tpl = templates.data?.find((x) => x.id === id);
              if (tpl) form.setFieldValue('text', tpl.body);
            }}
          />
        </Form.Item>
      )}
      <Form.Item name="text" label={t('matters.form.replyText')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('matters.form.replyText') }) }]}>
        <Input.TextArea rows={6} maxLength={10000} placeholder={t('matters.form.replyPlaceholder')} data-testid="reply-text" onBlur={(e) => void replyCheck.check(e.target.value)} />
      </Form.Item>
      <ReplyCheckPanel result={replyCheck.result} checking={replyCheck.checking} onCheck={() => void replyCheck.check(form.getFieldValue('text'))} />
    </>
  );
}

/** One account that may own a matter, as GET /matters/:id/leader-candidates answers it. */
interface LeaderCandidate {
  accountId: string;
  name: string;
  unitId: string;
  unitName: string;
}

/**
 * The owning leader (领导包案): picked from the leaders the server offers for this matter (its
 * unit's and those above, nearest first — the accounts it would accept), plus the current owner
 * and "none".
 */
function LeaderField({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const candidates = useQuery({
    queryKey: ['matters', matter.id, 'leader-candidates'],
    queryFn: () => api.get<{ items: LeaderCandidate[] }>(`/matters/${matter.id}/leader-candidates`).then((r) => r.items),
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const seen = new Map<string, string>();
    seen.set(NO_LEADER, t('matters.form.leaderNone'));
    if (matter.leader) seen.set(matter.leader.accountId, matter.leader.name);
    for (const c of candidates.data ?? []) seen.set(c.accountId, `${c.name}（${c.unitName}）`);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [matter.leader, candidates.data, t]);
  return (
    <Form.Item name="leaderAccountId" label={t('matters.form.leader')}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('matters.form.leaderPlaceholder')}
        options={options}
        loading={candidates.isFetching}
        data-testid="leader-select"
        suffixIcon={<AimOutlined />}
      />
    </Form.Item>
  );
}
