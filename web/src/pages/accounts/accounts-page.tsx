import { useState } from 'react';
import { App, Button, Card, Empty, Input, Popconfirm, Space, Table } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { Account } from '../../api/types.ts';
import { useSession } from '../../session/session-context.tsx';
import { useKeysetList } from '../../lib/use-keyset-list.ts';
import { useReportError } from '../../lib/use-report-error.ts';
import { formatDateTime, isLocked } from '../../lib/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { AccountStatus, RoleTags } from '../../components/account-bits.tsx';
import { AccountModal } from './account-modal.tsx';
import { ResetPasswordModal } from './reset-password-modal.tsx';

/** 账号与角色: accounts in scope with their roles; create, edit, reset password, unlock. */
export function AccountsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const qc = useQueryClient();
  const report = useReportError();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const manage = can('account.manage');

  const list = useKeysetList<Account>(keys.accounts, '/accounts', { unitId, q: q || undefined });

  const unlock = async (a: Account) => {
    try {
      await api.post(`/accounts/${a.id}/unlock`);
      void message.success(t('accounts.unlocked'));
      await qc.invalidateQueries({ queryKey: keys.accounts });
    } catch (err) {
      report(err);
    }
  };

  return (
    <div className="page">
      <PageHeader
        title={t('accounts.title')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="account-add">
              {t('accounts.add')}
            </Button>
          )
        }
      />
      <Card className="filter-card">
        <Space wrap size={[12, 12]}>
          <UnitTreeSelect allowClear placeholder={t('accounts.allUnits')} value={unitId} onChange={setUnitId} style={{ width: 280 }} />
          <Input.Search
            allowClear
            placeholder={t('accounts.searchPlaceholder')}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 240 }}
          />
        </Space>
      </Card>
      <Card className="table-card">
        <Table<Account>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 1195 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.error ? list.error.message : t('accounts.empty')} /> }}
          columns={[
            { title: t('accounts.username'), dataIndex: 'username', width: 130, fixed: 'left' },
            { title: t('accounts.displayName'), dataIndex: 'displayName', width: 140 },
            { title: t('accounts.person'), dataIndex: 'personName', width: 110, render: (v: string | null) => v || t('common.empty') },
            { title: t('accounts.roles'), dataIndex: 'roles', width: 280, render: (_: unknown, a) => <RoleTags roles={a.roles} /> },
            { title: t('accounts.status'), key: 'status', width: 150, render: (_: unknown, a) => <AccountStatus account={a} /> },
            { title: t('accounts.lastLogin'), dataIndex: 'lastLoginAt', width: 165, render: (v: string | null) => (v ? formatDateTime(v) : t('accounts.neverLoggedIn')) },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 220,
                    fixed: 'right' as const,
                    render: (_: unknown, a: Account) => (
                      <Space size={0} wrap>
                        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(a)}>
                          {t('common.edit')}
                        </Button>
                        <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(a)}>
                          {t('accounts.resetPassword')}
                        </Button>
                        {isLocked(a.lockedUntil) && (
                          <Popconfirm title={t('accounts.unlockConfirm', { name: a.displayName })} onConfirm={() => unlock(a)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                            <Button type="link" size="small" icon={<UnlockOutlined />}>
                              {t('accounts.unlock')}
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
      </Card>
      {manage && (
        <>
          <AccountModal open={editing !== null} account={editing && editing !== 'new' ? editing : undefined} onClose={() => setEditing(null)} />
          <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} />
        </>
      )}
    </div>
  );
}
