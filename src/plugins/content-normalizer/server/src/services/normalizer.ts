import type { Core } from '@strapi/strapi';
import { listRules } from '../core/rules';
import type { CleanOptions } from '../core/types';
import type { ContentNormalizerConfig, RuleSettings } from '../config';

export const SETTINGS_STORE_KEY = 'settings';

/** The config file's rule settings with an editor's saved (or, in the preview, unsaved) settings on top. */
export function overlaySettings(base: ContentNormalizerConfig, saved: Partial<RuleSettings>): CleanOptions {
  const sources: CleanOptions['sources'] = { ...base.sources };
  for (const [name, settings] of Object.entries(saved.sources ?? {})) {
    const from = sources[name] ?? {};
    sources[name] = {
      rules: { ...from.rules, ...settings.rules },
      customPatterns: [...(from.customPatterns ?? []), ...(settings.customPatterns ?? [])],
    };
  }
  return {
    rules: { ...base.rules, ...saved.rules },
    customPatterns: [...base.customPatterns, ...(saved.customPatterns ?? [])],
    sources,
    wordsPerMinute: base.wordsPerMinute,
  };
}

/**
 * The cleaning rules in force. Rule settings are the config file's defaults
 * overlaid with what editors saved in the plugin store; the store is read from the database on every
 * request so that all server instances use a change at once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;
  const store = () => strapi.store({ type: 'plugin', name: 'content-normalizer' });

  async function getStoredSettings(): Promise<Partial<RuleSettings>> {
    const saved = (await store().get({ key: SETTINGS_STORE_KEY })) as Partial<RuleSettings> | null;
    return saved ?? {};
  }

  return {
    listRules,
    getStoredSettings,

    async setStoredSettings(settings: RuleSettings): Promise<void> {
      await store().set({ key: SETTINGS_STORE_KEY, value: settings });
    },

    /** The effective rule settings: config defaults, then the stored overrides. */
    async getCleanOptions(): Promise<CleanOptions> {
      return overlaySettings(config(), await getStoredSettings());
    },
  };
};
