export const PLUGIN_ID = 'content-normalizer';
