import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account, RoleGrant } from '../api/types.ts';
import { isLocked } from '../lib/format.ts';

const roleColor: Record<RoleGrant['role'], string> = { admin: 'red', operator: 'blue', handler: 'cyan', leader: 'gold', supervisor: 'purple' };

/** Roles as 「承办人 · 城关镇」 tags. */
export function RoleTags({ roles }: { roles: RoleGrant[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r) => (
        <Tag key={`${r.role}:${r.unitId}`} color={roleColor[r.role]} variant="outlined" className="role-tag">
          {t(`role.${r.role}`)} · {r.unitName}
        </Tag>
      ))}
    </Space>
  );
}

/** Account state: active/deactivated, plus locked and must-change-password when they apply. */
export function AccountStatus({ account }: { account: Account }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {account.isActive ? <Tag color="success">{t('common.statusActive')}</Tag> : <Tag>{t('common.statusInactive')}</Tag>}
      {isLocked(account.lockedUntil) && <Tag color="error">{t('accounts.locked')}</Tag>}
      {account.mustChangePassword && <Tag color="warning">{t('accounts.mustChange')}</Tag>}
    </Space>
  );
}
