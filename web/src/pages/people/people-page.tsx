import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Card, Checkbox, Empty, Input, Select, Space, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/queries.ts';
import type { Person } from '../../api/types.ts';
import { useSession } from '../../session/session-context.tsx';
import { useKeysetList } from '../../lib/use-keyset-list.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { PersonDrawer } from './person-drawer.tsx';

type Party = 'all' | 'yes' | 'no';

/** 人员: people in scope, filtered by unit, name and party membership, read page by page. */
export function PeoplePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  const [subtree, setSubtree] = useState(true);
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [party, setParty] = useState<Party>('all');
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const manage = can('person.manage');

  const list = useKeysetList<Person>(keys.people, '/people', {
    unitId,
    subtree: unitId ? subtree : undefined,
    q: q || undefined,
    isPartyMember: party === 'all' ? undefined : party === 'yes',
  });

  // The unit filter lives in the URL so 组织架构 can link to a unit's people.
  const setUnit = (id: string | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('unitId', id);
    else next.delete('unitId');
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <PageHeader
        title={t('people.title')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="person-add">
              {t('people.add')}
            </Button>
          )
        }
      />
      <Card className="filter-card">
        <Space wrap size={[12, 12]}>
          <UnitTreeSelect allowClear placeholder={t('people.allUnits')} value={unitId} onChange={setUnit} style={{ width: 280 }} data-testid="people-unit-filter" />
          <Checkbox checked={subtree} disabled={!unitId} onChange={(e) => setSubtree(e.target.checked)}>
            {t('people.includeSub')}
          </Checkbox>
          <Input.Search
            allowClear
            placeholder={t('people.searchName')}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 220 }}
            data-testid="people-search"
          />
          <Select<Party>
            value={party}
            onChange={setParty}
            style={{ width: 150 }}
            options={[
              { value: 'all', label: t('people.partyAll') },
              { value: 'yes', label: t('people.isPartyMember') },
              { value: 'no', label: t('people.nonParty') },
            ]}
          />
        </Space>
      </Card>
      <Card className="table-card">
        <Table<Person>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.error ? list.error.message : t('people.empty')} /> }}
          columns={[
            { title: t('people.name'), dataIndex: 'name', width: 120, fixed: 'left' },
            { title: t('people.unit'), dataIndex: 'unitName', width: 220 },
            { title: t('people.post'), dataIndex: 'post', render: (v: string | null) => v || t('common.empty') },
            {
              title: t('people.partyMember'),
              dataIndex: 'isPartyMember',
              width: 110,
              render: (v: boolean) => (v ? <Tag color="red">{t('people.isPartyMember')}</Tag> : t('people.nonParty')),
            },
            { title: t('people.cadreLevel'), dataIndex: 'cadreLevel', width: 150, render: (v: Person['cadreLevel']) => t(`cadre.${v ?? 'none'}`) },
            { title: t('people.phone'), dataIndex: 'phone', width: 150, render: (v: string | null) => v || t('common.empty') },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    fixed: 'right' as const,
                    render: (_: unknown, p: Person) => (
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
      </Card>
      {manage && <PersonDrawer open={editing !== null} person={editing && editing !== 'new' ? editing : undefined} defaultUnitId={unitId} onClose={() => setEditing(null)} />}
    </div>
  );
}
