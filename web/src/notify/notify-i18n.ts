// Texts of the notification bell. Chinese is the reference; the English object is typed against
// it so a missing key fails the type check. Mounted as `notify.*`.

export const notifyZhCN = {
  bell: '消息提醒',
  title: '消息提醒',
  readAll: '全部已读',
  empty: '暂无消息',
  unread: '未读',
  loadFailed: '消息加载失败',
};

export const notifyEnUS: typeof notifyZhCN = {
  bell: 'Notifications',
  title: 'Notifications',
  readAll: 'Mark all read',
  empty: 'No notifications',
  unread: 'Unread',
  loadFailed: 'Could not load the notifications',
};
