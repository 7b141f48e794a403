import { PLUGIN_ID } from '../pluginId';

/** Translation ids are namespaced by the plugin id (registerTrads adds the same prefix to en.json's keys). */
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;
