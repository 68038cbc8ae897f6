import { useState } from 'react';
import { Link } from 'react-router';
import { App, Breadcrumb, Button, Card, Descriptions, Empty, Popconfirm, Result, Skeleton, Space, Table, Tabs, Tag } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys, useBatches, useUnitDetail } from '../../api/queries.ts';
import type { Account, Person, Unit, UnitDetail } from '../../api/types.ts';
import { useSession } from '../../session/session-context.tsx';
import { useKeysetList } from '../../lib/use-keyset-list.ts';
import { useReportError } from '../../lib/use-report-error.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadMore } from '../../components/load-more.tsx';
import { UnitKindIcon } from '../../components/unit-kind-icon.tsx';
import { AccountStatus, RoleTags } from '../../components/account-bits.tsx';
import { UnitFormModal } from './unit-form-modal.tsx';
import { MoveUnitModal } from './move-unit-modal.tsx';
import { ImportButton } from './import-button.tsx';

function ChildrenTab({ unit, onSelect }: { unit: UnitDetail; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Table<Unit>
      size="middle"
      rowKey="id"
      dataSource={unit.children}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noChildren')} /> }}
      pagination={unit.children.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
      onRow={(u) => ({ onDoubleClick: () => onSelect(u.id) })}
      columns={[
        {
          title: t('org.name'),
          dataIndex: 'name',
          render: (_: unknown, u) => (
            <a onClick={() => onSelect(u.id)} className="unit-link">
              <UnitKindIcon kind={u.kind} /> {u.name}
            </a>
          ),
        },
        { title: t('org.kind'), dataIndex: 'kind', width: 150, render: (_: unknown, u) => t(`kind.${u.kind}`) },
        { title: t('org.level'), dataIndex: 'level', width: 100, render: (_: unknown, u) => t(`level.${u.level}`) },
        { title: t('org.regionCode'), dataIndex: 'regionCode', width: 150, render: (v: string | null) => v || t('common.empty') },
        {
          title: t('org.status'),
          dataIndex: 'isActive',
          width: 100,
          render: (v: boolean) => (v ? <Tag color="success">{t('common.statusActive')}</Tag> : <Tag>{t('common.statusInactive')}</Tag>),
        },
      ]}
    />
  );
}

function PeopleTab({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const list = useKeysetList<Person>(keys.people, '/people', { unitId, subtree: false });
  return (
    <>
      <Table<Person>
        size="middle"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.error ? list.error.message : t('org.noPeople')} /> }}
        columns={[
          { title: t('people.name'), dataIndex: 'name', width: 120 },
          { title: t('people.post'), dataIndex: 'post', render: (v: string | null) => v || t('common.empty') },
          {
            title: t('people.partyMember'),
            dataIndex: 'isPartyMember',
            width: 110,
            render: (v: boolean) => (v ? <Tag color="red">{t('people.isPartyMember')}</Tag> : t('people.nonParty')),
          },
          { title: t('people.cadreLevel'), dataIndex: 'cadreLevel', width: 150, render: (v: Person['cadreLevel']) => t(`cadre.${v ?? 'none'}`) },
          { title: t('people.phone'), dataIndex: 'phone', width: 140, render: (v: string | null) => v || t('common.empty') },
        ]}
      />
      <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
    </>
  );
}

function AccountsTab({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const list = useKeysetList<Account>(keys.accounts, '/accounts', { unitId });
  return (
    <>
      <Table<Account>
        size="middle"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.error ? list.error.message : t('org.noAccounts')} /> }}
        columns={[
          { title: t('accounts.username'), dataIndex: 'username', width: 140 },
          { title: t('accounts.displayName'), dataIndex: 'displayName', width: 120 },
          { title: t('accounts.roles'), dataIndex: 'roles', render: (_: unknown, a) => <RoleTags roles={a.roles} /> },
          { title: t('accounts.status'), key: 'status', width: 180, render: (_: unknown, a) => <AccountStatus account={a} /> },
          { title: t('accounts.lastLogin'), dataIndex: 'lastLoginAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : t('accounts.neverLoggedIn')) },
        ]}
      />
      <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
    </>
  );
}

/**
 * Right side of 组织架构: where the unit sits, its facts, its sub-units, people and accounts.
 * `onDeleted` is told the parent of a unit just deleted, which the caller then shows instead.
 */
export function UnitDetailView({ unitId, onSelect, onDeleted }: { unitId: string; onSelect: (id: string) => void; onDeleted: (parentId: string | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const qc = useQueryClient();
  const report = useReportError();
  const detail = useUnitDetail(unitId);
  const batches = useBatches();
  const [dialog, setDialog] = useState<'add' | 'edit' | 'move' | null>(null);
  const [toggling, setToggling] = useState(false);

  if (detail.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  if (detail.error || !detail.data) {
    return (
      <Card>
        <Result status="warning" title={detail.error?.message ?? t('error.notFound')} />
      </Card>
    );
  }
  const u = detail.data;
  const manage = !!u.abilities['unit.manage'];
  const canImport = manage && (u.abilities['import.run'] ?? can('import.run'));
  const batchName = u.batchId ? (batches.data?.find((b) => b.id === u.batchId)?.name ?? t('common.empty')) : t('org.batchNone');

  // The server refuses a unit with anything attached (UNIT_HAS_RECORDS) or the root of one's scope
  // (ROOT_UNIT); its message says why, so the button is not second-guessed here.
  const remove = async () => {
    try {
      await api.delete(`/units/${u.id}`);
      void message.success(t('org.deleted'));
      onDeleted(u.parentId);
      // The deleted unit's own detail is left out: refetching it would only answer 404.
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === keys.units[0] && !(q.queryKey[1] === 'detail' && q.queryKey[2] === u.id) });
    } catch (err) {
      report(err);
    }
  };

  const toggleActive = async () => {
    setToggling(true);
    try {
      await api.post<Unit>(`/units/${u.id}/${u.isActive ? 'deactivate' : 'activate'}`);
      void message.success(u.isActive ? t('org.deactivated') : t('org.activated'));
      await qc.invalidateQueries({ queryKey: keys.units });
    } catch (err) {
      report(err);
    } finally {
      setToggling(false);
    }
  };

  const tabs = [
    { key: 'children', label: `${t('org.tabChildren')} (${u.children.length})`, children: <ChildrenTab unit={u} onSelect={onSelect} /> },
    {
      key: 'people',
      label: `${t('org.tabPeople')} (${u.peopleCount})`,
      children: <PeopleTab unitId={u.id} />,
    },
    ...(can('account.read') ? [{ key: 'accounts', label: `${t('org.tabAccounts')} (${u.accountsCount})`, children: <AccountsTab unitId={u.id} /> }] : []),
  ];

  return (
    <div className="unit-detail">
      <Card className="unit-detail-head">
        {/* At the top of one's scope a breadcrumb would only repeat the title. */}
        {u.ancestors.length > 0 && (
          <Breadcrumb
            className="unit-breadcrumb"
            items={[
              ...u.ancestors.map((a) => ({ key: a.id, title: <a onClick={() => onSelect(a.id)}>{a.name}</a> })),
              { key: u.id, title: u.name },
            ]}
          />
        )}
        <div className="unit-title-row">
          <div className="unit-title-block">
            <span className="unit-title-icon">
              <UnitKindIcon kind={u.kind} />
            </span>
            <h3 className="unit-title" data-testid="unit-title">
              {u.name}
            </h3>
            <Tag color="red" variant="outlined">
              {t(`kind.${u.kind}`)}
            </Tag>
            {!u.isActive && <Tag>{t('org.inactiveTag')}</Tag>}
          </div>
        </div>
        {/* Its own row, so the buttons never squeeze the title; imports are a group of their own on the right. */}
        {manage && (
          <div className="unit-toolbar">
            <Space wrap>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('add')} disabled={!u.isActive} data-testid="unit-add-child">
                {t('org.addChild')}
              </Button>
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
              <Button icon={<DragOutlined />} onClick={() => setDialog('move')} disabled={u.ancestors.length === 0}>
                {t('org.move')}
              </Button>
              <Popconfirm title={u.isActive ? t('org.deactivateConfirm', { name: u.name }) : t('org.activateConfirm', { name: u.name })} onConfirm={toggleActive} okText={t('common.ok')} cancelText={t('common.cancel')}>
                {/* The root of one's own scope cannot be deactivated (the server answers ROOT_UNIT). */}
                <Button icon={u.isActive ? <StopOutlined /> : <CheckCircleOutlined />} loading={toggling} danger={u.isActive} disabled={u.isActive && u.ancestors.length === 0}>
                  {u.isActive ? t('org.deactivate') : t('org.activate')}
                </Button>
              </Popconfirm>
              <Popconfirm
                title={t('org.deleteConfirm', { name: u.name })}
                description={<div className="popconfirm-text">{t('org.deleteHint')}</div>}
                onConfirm={remove}
                okText={t('org.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
              >
                {/* Nor deleted (ROOT_UNIT); a unit with records is refused by the server with its reason. */}
                <Button icon={<DeleteOutlined />} danger disabled={u.ancestors.length === 0} data-testid="unit-delete">
                  {t('org.delete')}
                </Button>
              </Popconfirm>
            </Space>
            {canImport && (
              <Space wrap>
                <ImportButton target="units" />
                <ImportButton target="people" />
              </Space>
            )}
          </div>
        )}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, lg: 3 }}
          className="unit-facts"
          items={[
            { key: 'kind', label: t('org.kind'), children: t(`kind.${u.kind}`) },
            { key: 'level', label: t('org.level'), children: t(`level.${u.level}`) },
            { key: 'regionCode', label: t('org.regionCode'), children: u.regionCode || t('common.empty') },
            { key: 'batch', label: t('org.batch'), children: batchName },
            {
              key: 'status',
              label: t('org.status'),
              children: u.isActive ? <Tag color="success">{t('common.statusActive')}</Tag> : <Tag>{t('common.statusInactive')}</Tag>,
            },
            { key: 'sortOrder', label: t('org.sortOrder'), children: u.sortOrder },
          ]}
        />
      </Card>
      <Card className="unit-detail-tabs">
        <Tabs
          items={tabs}
          tabBarExtraContent={
            can('person.read') ? (
              <Link to={`/people?unitId=${encodeURIComponent(u.id)}`} className="tab-extra-link">
                {t('org.openInPeople')} <RightOutlined />
              </Link>
            ) : null
          }
        />
      </Card>
      {manage && (
        <>
          <UnitFormModal open={dialog === 'add'} parent={u} onClose={() => setDialog(null)} />
          <UnitFormModal open={dialog === 'edit'} unit={u} onClose={() => setDialog(null)} />
          <MoveUnitModal open={dialog === 'move'} unit={u} onClose={() => setDialog(null)} />
        </>
      )}
    </div>
  );
}
