export default () => ({
  'content-normalizer': {
    enabled: true,
    resolve: './src/plugins/content-normalizer',
    // Every option and its default: src/plugins/content-normalizer/server/src/config/index.ts
    config: {},
  },
});
