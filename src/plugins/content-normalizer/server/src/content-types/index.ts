// The plugin owns no content types: it cleans the app's articles and fills its tags, authors and sources.
export default {};
