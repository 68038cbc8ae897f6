import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  BranchesOutlined,
  CalendarOutlined,
  ClusterOutlined,
  ControlOutlined,
  FileSearchOutlined,
  FireOutlined,
  FormOutlined,
  IdcardOutlined,
  InboxOutlined,
  PartitionOutlined,
  SafetyCertificateOutlined,
  SnippetsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Action } from '../api/types.ts';

export type NavKey = 'org' | 'people' | 'accounts' | 'groups' | 'calendar' | 'audit' | 'matters' | 'intake' | 'categories' | 'dispatchRules' | 'replyTemplates' | 'settings' | 'hotTopics' | 'matterClasses';

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
  // The closed loop. After the foundation's screens so that each role's first screen stays as it was.
  { key: 'matters', path: '/matters', action: 'matter.read', icon: <InboxOutlined /> },
  { key: 'intake', path: '/intake', action: 'matter.intake', icon: <FormOutlined /> },
  // Hot topics (每月一题): what leaders and administrators act on.
  { key: 'hotTopics', path: '/hot-topics', action: 'matter.lead', icon: <FireOutlined /> },
  // Classes (一类问题): read by whoever reads matters (the server scopes the list), changed by leaders.
  { key: 'matterClasses', path: '/matter-classes', action: 'matter.read', icon: <ClusterOutlined /> },
  { key: 'categories', path: '/categories', action: 'category.manage', icon: <PartitionOutlined /> },
  { key: 'dispatchRules', path: '/dispatch-rules', action: 'category.manage', icon: <BranchesOutlined /> },
  { key: 'replyTemplates', path: '/reply-templates', action: 'category.manage', icon: <SnippetsOutlined /> },
  { key: 'settings', path: '/settings', action: 'settings.manage', icon: <ControlOutlined /> },
];
