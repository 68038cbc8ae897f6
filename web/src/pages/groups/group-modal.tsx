import { useEffect, useMemo, useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { GroupInput, SupervisionGroup } from '../../api/types.ts';
import { useReportError } from '../../lib/use-report-error.ts';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { AccountMultiSelect, type Option } from '../../components/remote-select.tsx';

interface Values {
  name: string;
  hostUnitId: string;
  note?: string;
  memberIds: string[];
  leaderIds: string[];
  unitIds: string[];
}

/** Create or edit a supervision group: name, host unit, members and leaders, supervised units. */
export function GroupModal({ open, group, onClose }: { open: boolean; group?: SupervisionGroup; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [labels, setLabels] = useState<Map<string, string>>(new Map());
  const memberIds = Form.useWatch('memberIds', form);

  useEffect(() => {
    if (open) setLabels(new Map((group?.members ?? []).map((m) => [m.accountId, m.displayName])));
  }, [open, group]);

  // The form is mounted afresh on every opening (destroyOnHidden), so initial values suffice.
  const initialValues = useMemo<Partial<Values>>(
    () =>
      group
        ? {
            name: group.name,
            hostUnitId: group.hostUnitId,
            note: group.note ?? undefined,
            memberIds: group.members.map((m) => m.accountId),
            leaderIds: group.members.filter((m) => m.isLeader).map((m) => m.accountId),
            unitIds: group.units.map((u) => u.id),
          }
        : { memberIds: [], leaderIds: [], unitIds: [] },
    [group],
  );

  const knownMembers = useMemo(() => (group?.members ?? []).map((m) => ({ value: m.accountId, label: m.displayName })), [group]);
  const leaderOptions = useMemo(() => (memberIds ?? []).map((id) => ({ value: id, label: labels.get(id) ?? id })), [memberIds, labels]);

  const remember = (picked: Option[]) =>
    setLabels((prev) => {
      const next = new Map(prev);
      for (const o of picked) if (o?.value) next.set(o.value, String(o.label).split('（')[0]);
      return next;
    });

  const submit = async (v: Values) => {
    setBusy(true);
    // A leader removed from the members stops being a leader.
    const leaderIds = (v.leaderIds ?? []).filter((id) => v.memberIds.includes(id));
    const note = v.note?.trim() || null;
    try {
      if (group) {
        // The server's update schema has no hostUnitId (strict), so it is not sent.
        await api.patch<SupervisionGroup>(`/supervision-groups/${group.id}`, { name: v.name.trim(), note, memberIds: v.memberIds, leaderIds, unitIds: v.unitIds });
      } else {
        const body: GroupInput = { name: v.name.trim(), hostUnitId: v.hostUnitId, note, memberIds: v.memberIds, leaderIds, unitIds: v.unitIds };
        await api.post<SupervisionGroup>('/supervision-groups', body);
      }
      void message.success(group ? t('common.saved') : t('common.created'));
      await qc.invalidateQueries({ queryKey: keys.groups });
      onClose();
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={group ? t('groups.editTitle') : t('groups.createTitle')} okText={t('common.save')} onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose} width={640} destroyOnHidden>
      <Form<Values> form={form} initialValues={initialValues} clearOnDestroy layout="vertical" onFinish={submit} disabled={busy} className="modal-form">
        <Form.Item name="name" label={t('groups.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('groups.name') }) }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="hostUnitId"
          label={t('groups.hostUnit')}
          extra={group ? t('groups.hostUnitFixed') : undefined}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('groups.hostUnit') }) }]}
        >
          <UnitTreeSelect disabled={!!group} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('groups.members')}>
          <AccountMultiSelect known={knownMembers} placeholder={t('groups.membersPlaceholder')} onPicked={remember} />
        </Form.Item>
        <Form.Item name="leaderIds" label={t('groups.leaders')}>
          <Select mode="multiple" allowClear placeholder={t('groups.leadersPlaceholder')} options={leaderOptions} />
        </Form.Item>
        <Form.Item name="unitIds" label={t('groups.units')}>
          <UnitTreeSelect multiple placeholder={t('groups.unitsPlaceholder')} />
        </Form.Item>
        <Form.Item name="note" label={t('groups.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
