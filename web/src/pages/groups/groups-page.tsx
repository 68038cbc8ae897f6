import { useMemo, useState } from 'react';
import { Button, Card, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import { CrownOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { SupervisionGroup } from '../../api/types.ts';
import { useSession } from '../../session/session-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { GroupModal } from './group-modal.tsx';

const MAX_UNIT_TAGS = 6;

/** 督导组: the supervision groups, their members and the units they supervise. */
export function GroupsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const manage = can('group.manage');
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<SupervisionGroup | 'new' | null>(null);
  const groups = useQuery({
    queryKey: keys.groups,
    queryFn: () => api.get<{ items: SupervisionGroup[] }>('/supervision-groups').then((r) => r.items),
  });

  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const all = groups.data ?? [];
    return f ? all.filter((g) => g.name.toLowerCase().includes(f) || g.hostUnitName.toLowerCase().includes(f)) : all;
  }, [groups.data, filter]);

  return (
    <div className="page">
      <PageHeader
        title={t('groups.title')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="group-add">
              {t('groups.add')}
            </Button>
          )
        }
      />
      <Card className="filter-card">
        <Space wrap size={[12, 12]}>
          <Input.Search allowClear placeholder={t('groups.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 260 }} />
          <Typography.Text type="secondary">{t('groups.count', { count: rows.length })}</Typography.Text>
        </Space>
      </Card>
      <Card className="table-card">
        <Table<SupervisionGroup>
          rowKey="id"
          loading={groups.isLoading}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={groups.error ? groups.error.message : t('groups.empty')} /> }}
          columns={[
            { title: t('groups.name'), dataIndex: 'name', width: 200, fixed: 'left', render: (v: string) => <strong>{v}</strong> },
            { title: t('groups.hostUnit'), dataIndex: 'hostUnitName', width: 180 },
            {
              title: t('groups.members'),
              dataIndex: 'members',
              width: 260,
              render: (_: unknown, g) => (
                <Space size={[4, 4]} wrap>
                  {[...g.members]
                    .sort((a, b) => Number(b.isLeader) - Number(a.isLeader))
                    .map((m) => (
                      <Tag key={m.accountId} color={m.isLeader ? 'gold' : undefined} icon={m.isLeader ? <CrownOutlined /> : undefined} title={m.isLeader ? t('groups.leader') : undefined}>
                        {m.displayName}
                      </Tag>
                    ))}
                </Space>
              ),
            },
            {
              title: t('groups.units'),
              dataIndex: 'units',
              render: (_: unknown, g) => (
                <Space size={[4, 4]} wrap>
                  {g.units.slice(0, MAX_UNIT_TAGS).map((u) => (
                    <Tag key={u.id} color="red" variant="outlined">
                      {u.name}
                    </Tag>
                  ))}
                  {g.units.length > MAX_UNIT_TAGS && <Tag title={g.units.slice(MAX_UNIT_TAGS).map((u) => u.name).join('、')}>+{g.units.length - MAX_UNIT_TAGS}</Tag>}
                </Space>
              ),
            },
            { title: t('groups.note'), dataIndex: 'note', width: 200, ellipsis: true, render: (v: string | null) => v || t('common.empty') },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    fixed: 'right' as const,
                    render: (_: unknown, g: SupervisionGroup) => (
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(g)}>
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {manage && <GroupModal open={editing !== null} group={editing && editing !== 'new' ? editing : undefined} onClose={() => setEditing(null)} />}
    </div>
  );
}
