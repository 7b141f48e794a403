/** Admin permissions, as the server registers them (bootstrap.ts) and checks them (routes/admin.ts). */
export const PERMISSIONS = {
  read: [{ action: 'plugin::content-normalizer.settings.read', subject: null }],
  update: [{ action: 'plugin::content-normalizer.settings.update', subject: null }],
  tags: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::tag.tag' }],
};

export const ARTICLE_UID = 'api::article.article';
export const TAG_UID = 'api::tag.tag';
