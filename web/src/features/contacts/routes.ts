// 联系人 (features/contacts)
import type { RouteRecordRaw } from 'vue-router';

export const contactRoutes: RouteRecordRaw[] = [
  {
    path: 'contacts',
    name: 'contacts',
    component: () => import('@/features/contacts/views/ContactsView.vue'),
    meta: { title: '联系人', permission: 'contact.read' },
  },
];
