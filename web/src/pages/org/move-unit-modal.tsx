import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys, useUnitTree } from '../../api/queries.ts';
import type { Unit, UnitDetail } from '../../api/types.ts';
import { subtreeIds } from '../../lib/unit-tree.ts';
import { useReportError } from '../../lib/use-report-error.ts';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';

/** Moves a unit (with its subtree) under another parent; its own subtree cannot be chosen. */
export function MoveUnitModal({ open, unit, onClose }: { open: boolean; unit: UnitDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const tree = useUnitTree();
  const [form] = Form.useForm<{ parentId: string }>();
  const [busy, setBusy] = useState(false);

  const blocked = useMemo(() => subtreeIds(tree.data ?? [], unit.id), [tree.data, unit.id]);
  const isDisabled = useCallback((u: Unit) => blocked.has(u.id) || u.id === unit.parentId, [blocked, unit.parentId]);

  const submit = async ({ parentId }: { parentId: string }) => {
    setBusy(true);
    try {
      await api.post<Unit>(`/units/${unit.id}/move`, { parentId });
      void message.success(t('org.moved'));
      await qc.invalidateQueries({ queryKey: keys.units });
      onClose();
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('org.moveTitle', { name: unit.name })} onOk={() => form.submit()} okText={t('org.move')} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Alert type="info" showIcon title={t('org.moveHint')} className="modal-alert" />
      <Form form={form} clearOnDestroy layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item name="parentId" label={t('org.moveTarget')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.moveTarget') }) }]}>
          <UnitTreeSelect isDisabled={isDisabled} placeholder={t('org.moveTarget')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
