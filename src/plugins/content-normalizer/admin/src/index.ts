import * as React from 'react';
import { PLUGIN_ID } from './pluginId';
import { PERMISSIONS, TAG_UID } from './permissions';
import { getTranslation } from './utils/getTranslation';
import { CleaningPanel } from './components/CleaningPanel';
import { TagArticleCount } from './components/TagArticleCount';

/** The slices of the admin app this plugin uses (StrapiApp from @strapi/admin). */
interface SettingsLink {
  id: string;
  to: string;
  intlLabel: { id: string; defaultMessage: string };
  Component: () => Promise<{ default: React.ComponentType }>;
  permissions: Array<{ action: string; subject: string | null }>;
}
interface AdminApp {
  registerPlugin: (plugin: { id: string; name: string }) => void;
  addSettingsLink: (section: { id: string; intlLabel: { id: string; defaultMessage: string } }, link: SettingsLink[]) => void;
  registerHook: (name: string, fn: (args: ListViewHookArgs) => ListViewHookArgs) => void;
  getPlugin: (id: string) => { apis: { addEditViewSidePanel: (panels: unknown[]) => void } };
}
interface ListViewHookArgs {
  displayedHeaders: Array<Record<string, unknown>>;
  layout: unknown;
}

export default {
  register(app: AdminApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    app.addSettingsLink({ id: PLUGIN_ID, intlLabel: { id: getTranslation('settings.section'), defaultMessage: 'Content normalizer' } }, [
      {
        id: 'rules',
        to: `${PLUGIN_ID}/rules`,
        intlLabel: { id: getTranslation('settings.link.rules'), defaultMessage: 'Cleaning rules' },
        Component: () => import('./pages/SettingsPage'),
        permissions: PERMISSIONS.read,
      },
      {
        id: 'tags',
        to: `${PLUGIN_ID}/tags`,
        intlLabel: { id: getTranslation('settings.link.tags'), defaultMessage: 'Tags' },
        Component: () => import('./pages/TagsPage'),
        permissions: PERMISSIONS.tags,
      },
      {
        id: 'source-memory',
        to: `${PLUGIN_ID}/source-memory`,
        intlLabel: { id: getTranslation('settings.link.memory'), defaultMessage: 'Source boilerplate' },
        Component: () => import('./pages/SourceMemoryPage'),
        permissions: PERMISSIONS.read,
      },
      {
        id: 'jobs',
        to: `${PLUGIN_ID}/jobs`,
        intlLabel: { id: getTranslation('settings.link.jobs'), defaultMessage: 'Jobs' },
        Component: () => import('./pages/JobsPage'),
        permissions: PERMISSIONS.read,
      },
    ]);
  },

  bootstrap(app: AdminApp) {
    app.getPlugin('content-manager').apis.addEditViewSidePanel([CleaningPanel]);

    // The Content Manager's tag list gets an "Articles" column. The hook is not told which content
    // type it renders, so it reads the list view's URL.
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', (args) => {
      if (!decodeURIComponent(window.location.pathname).includes(`/collection-types/${TAG_UID}`)) return args;
      return {
        ...args,
        displayedHeaders: [
          ...args.displayedHeaders,
          {
            attribute: { type: 'integer' },
            label: { id: getTranslation('tags.articles'), defaultMessage: 'Articles' },
            searchable: false,
            sortable: false,
            name: 'articleCount',
            cellFormatter: (row: { documentId: string }) => React.createElement(TagArticleCount, { documentId: row.documentId }),
          },
        ],
      };
    });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as { default: Record<string, string> };
          // Keys in en.json are short; the admin looks them up by `${PLUGIN_ID}.${key}` (getTranslation).
          const prefixed = Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));
          return { data: prefixed, locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
