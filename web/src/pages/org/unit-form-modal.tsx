import { useMemo, useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys, useBatches } from '../../api/queries.ts';
import { unitKinds, unitLevels, type Unit, type UnitDetail, type UnitKind, type UnitLevel } from '../../api/types.ts';
import { useReportError } from '../../lib/use-report-error.ts';

interface Values {
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  regionCode?: string;
  batchId?: string;
  sortOrder?: number;
}

const nextLevel: Record<UnitLevel, UnitLevel> = { province: 'city', city: 'county', county: 'township', township: 'village', village: 'village' };
const usualKind: Partial<Record<UnitLevel, UnitKind>> = { county: 'township', township: 'village' };

/** Create a sub-unit of `parent`, or edit `unit`; defaults follow the parent's level. */
export function UnitFormModal({ open, parent, unit, onClose }: { open: boolean; parent?: UnitDetail; unit?: UnitDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const batches = useBatches();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const editing = !!unit;

  // The form is mounted afresh on every opening (destroyOnHidden), so initial values suffice.
  const initialValues = useMemo<Partial<Values>>(() => {
    if (unit) return { name: unit.name, kind: unit.kind, level: unit.level, regionCode: unit.regionCode ?? undefined, batchId: unit.batchId ?? undefined, sortOrder: unit.sortOrder };
    if (parent) return { level: nextLevel[parent.level], kind: usualKind[parent.level] ?? 'other', batchId: parent.batchId ?? undefined, sortOrder: parent.children.length + 1 };
    return {};
  }, [unit, parent]);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const regionCode = v.regionCode?.trim() || undefined;
      if (unit) {
        // A cleared optional field is sent as null so the server clears it; untouched empties are left out.
        await api.patch<Unit>(`/units/${unit.id}`, {
          name: v.name.trim(),
          kind: v.kind,
          level: v.level,
          ...(regionCode !== undefined ? { regionCode } : unit.regionCode ? { regionCode: null } : {}),
          ...(v.batchId !== undefined ? { batchId: v.batchId } : unit.batchId ? { batchId: null } : {}),
          ...(v.sortOrder !== undefined && v.sortOrder !== null ? { sortOrder: v.sortOrder } : {}),
        });
        void message.success(t('common.saved'));
      } else if (parent) {
        await api.post<Unit>('/units', {
          parentId: parent.id,
          name: v.name.trim(),
          kind: v.kind,
          level: v.level,
          ...(regionCode ? { regionCode } : {}),
          ...(v.batchId ? { batchId: v.batchId } : {}),
          ...(v.sortOrder !== undefined && v.sortOrder !== null ? { sortOrder: v.sortOrder } : {}),
        });
        void message.success(t('common.created'));
      }
      await qc.invalidateQueries({ queryKey: keys.units });
      onClose();
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('org.editUnit') : `${t('org.addChild')} · ${parent?.name ?? ''}`}
      okText={t('common.save')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<Values> form={form} initialValues={initialValues} clearOnDestroy layout="vertical" onFinish={submit} disabled={busy} className="modal-form">
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('org.name') }) }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.kind') }) }]}>
            <Select options={unitKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="level" label={t('org.level')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.level') }) }]}>
            <Select options={unitLevels.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="regionCode" label={t('org.regionCode')} rules={[{ pattern: /^\d{6}$/, message: t('org.regionCodeInvalid') }]}>
            <Input maxLength={6} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('org.sortOrder')}>
            <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="batchId" label={t('org.batch')}>
          <Select allowClear placeholder={t('org.batchNone')} loading={batches.isLoading} options={(batches.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
