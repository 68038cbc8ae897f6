import type { ReactNode } from 'react';
import { ApartmentOutlined, CalendarOutlined, FileSearchOutlined, IdcardOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import type { Action } from '../api/types.ts';

export type NavKey = 'org' | 'people' | 'accounts' | 'groups' | 'calendar' | 'audit';

/** A top-level screen, shown in the menu only when the session can do its read action. */
export interface NavItem {
  key: NavKey;
  path: string;
  action: Action;
  icon: ReactNode;
}

export const navItems: NavItem[] = [
  { key: 'org', path: '/org', action: 'unit.read', icon: <ApartmentOutlined /> },
  { key: 'people', path: '/people', action: 'person.read', icon: <TeamOutlined /> },
  { key: 'accounts', path: '/accounts', action: 'account.read', icon: <IdcardOutlined /> },
  { key: 'groups', path: '/groups', action: 'group.read', icon: <SafetyCertificateOutlined /> },
  { key: 'calendar', path: '/calendar', action: 'unit.read', icon: <CalendarOutlined /> },
  { key: 'audit', path: '/audit', action: 'audit.read', icon: <FileSearchOutlined /> },
];
