import type { Component } from 'vue';
import {
  House,
  MapLocation,
  OfficeBuilding,
  User,
  Lock,
  Document,
  Setting,
  Notebook,
  Bell,
  List,
  Calendar,
  AlarmClock,
  Message,
  Flag,
  Timer,
  DataAnalysis,
  EditPen,
  Star,
  Tickets,
  Postcard,
  ChatLineSquare,
  View,
  Shop,
  Help,
  Connection,
  Trophy,
  Reading,
} from '@element-plus/icons-vue';

export interface NavItem {
  path: string;
  title: string;
  icon: Component;
  // Shown only to users holding this permission; everyone when absent.
  permission?: string;
  // Or: shown to users holding any of these (驾驶舱: leaders' work.instruct, staff's work.manage).
  anyOf?: string[];
}

export interface NavGroup {
  title: string | null;
  items: NavItem[];
}

// The side navigation. Only modules that exist are listed; each entry is filtered by permission.
const NAV: NavGroup[] = [
  {
    title: null,
    items: [
      { path: '/', title: '工作台', icon: House },
      { path: '/inbox', title: '站内消息', icon: Bell },
    ],
  },
  {
    title: '业务',
    items: [
      { path: '/dashboard', title: '驾驶舱', icon: DataAnalysis, anyOf: ['work.instruct', 'work.manage'] },
      { path: '/plans', title: '工作要点', icon: Notebook, permission: 'work.read' },
      { path: '/tasks', title: '任务', icon: List, permission: 'work.read' },
      { path: '/notices', title: '督办单', icon: Flag, permission: 'work.read' },
      { path: '/reports/missing', title: '未报送看板', icon: AlarmClock, permission: 'work.manage' },
      { path: '/instructions', title: '批示办理', icon: EditPen, permission: 'work.read' },
      { path: '/watches', title: '我的关注', icon: Star, permission: 'work.read' },
      { path: '/bulletins', title: '督办通报', icon: Tickets, permission: 'work.manage' },
      { path: '/contacts', title: '联系人', icon: Postcard, permission: 'contact.read' },
      { path: '/pairings', title: '万企兴万村', icon: Connection, permission: 'work.read' },
      { path: '/activities', title: '品牌活动', icon: Trophy, permission: 'work.read' },
      { path: '/training', title: '干部培训', icon: Reading, permission: 'work.read' },
      { path: '/calendar', title: '节假日安排', icon: Calendar, permission: 'work.read' },
      { path: '/reminders/rules', title: '提醒与督办规则', icon: Timer, permission: 'work.read' },
    ],
  },
  {
    title: '事项',
    items: [
      { path: '/cases/proposal', title: '议政建言', icon: ChatLineSquare, permission: 'work.read' },
      { path: '/cases/oversight', title: '民主监督', icon: View, permission: 'work.read' },
      { path: '/cases/appeal', title: '政企沟通', icon: Shop, permission: 'work.read' },
      { path: '/cases/grassroots', title: '基层诉求', icon: Help, permission: 'work.read' },
    ],
  },
  {
    title: '组织与用户',
    items: [
      { path: '/org/regions', title: '行政区划', icon: MapLocation, permission: 'org.read' },
      { path: '/org/units', title: '单位', icon: OfficeBuilding, permission: 'org.read' },
      { path: '/org/users', title: '用户', icon: User, permission: 'user.read' },
    ],
  },
  {
    title: '安全与审计',
    items: [
      { path: '/security', title: '安全设置', icon: Lock, permission: 'security.read' },
      { path: '/channels', title: '通知渠道', icon: Message, permission: 'security.read' },
      { path: '/audit', title: '审计日志', icon: Document, permission: 'audit.read' },
    ],
  },
  { title: null, items: [{ path: '/profile', title: '个人设置', icon: Setting }] },
];

export function visibleNav(can: (permission: string | undefined) => boolean): NavGroup[] {
  return NAV.map((group) => ({
    ...group,
    items: group.items.filter((item) => (item.anyOf ? item.anyOf.some((p) => can(p)) : can(item.permission))),
  })).filter((group) => group.items.length > 0);
}
