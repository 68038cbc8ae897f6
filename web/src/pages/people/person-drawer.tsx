import { useMemo, useState } from 'react';
import { App, Button, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { cadreLevels, type CadreLevel, type Person } from '../../api/types.ts';
import { useReportError } from '../../lib/use-report-error.ts';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';

interface Values {
  unitId: string;
  name: string;
  post?: string;
  isPartyMember: boolean;
  cadreLevel: CadreLevel | 'none';
  phone?: string;
}

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** Create or edit a person (POST/PATCH /people); `person` undefined means create. */
export function PersonDrawer({ open, person, defaultUnitId, onClose }: { open: boolean; person?: Person; defaultUnitId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  // The form is mounted afresh on every opening (destroyOnHidden), so initial values suffice.
  const initialValues = useMemo<Partial<Values>>(
    () =>
      person
        ? { unitId: person.unitId, name: person.name, post: person.post ?? undefined, isPartyMember: person.isPartyMember, cadreLevel: person.cadreLevel ?? 'none', phone: person.phone ?? undefined }
        : { unitId: defaultUnitId, isPartyMember: false, cadreLevel: 'none' },
    [person, defaultUnitId],
  );

  const submit = async (v: Values) => {
    setBusy(true);
    const body = {
      unitId: v.unitId,
      name: v.name.trim(),
      post: blankToNull(v.post),
      isPartyMember: v.isPartyMember,
      cadreLevel: v.cadreLevel === 'none' ? null : v.cadreLevel,
      phone: blankToNull(v.phone),
    };
    try {
      if (person) await api.patch<Person>(`/people/${person.id}`, body);
      else await api.post<Person>('/people', body);
      void message.success(person ? t('common.saved') : t('common.created'));
      // Unit detail shows a people count, so units are refreshed too.
      await Promise.all([qc.invalidateQueries({ queryKey: keys.people }), qc.invalidateQueries({ queryKey: keys.units })]);
      onClose();
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={person ? t('people.editTitle') : t('people.createTitle')}
      size={480}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="person-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} initialValues={initialValues} clearOnDestroy layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item name="name" label={t('people.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('people.name') }) }, { max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="unitId" label={t('people.unit')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('people.unit') }) }]}>
          <UnitTreeSelect isDisabled={(u) => !u.isActive} />
        </Form.Item>
        <Form.Item name="post" label={t('people.post')} rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="isPartyMember" label={t('people.isPartyMember')} valuePropName="checked">
          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
        <Form.Item name="cadreLevel" label={t('people.cadreLevel')}>
          <Select options={[...cadreLevels, 'none' as const].map((c) => ({ value: c, label: t(`cadre.${c}`) }))} />
        </Form.Item>
        <Form.Item name="phone" label={t('people.phone')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('people.phoneInvalid') }]}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
