import normalizer from './normalizer';
import taxonomy from './taxonomy';
import articles from './articles';
import importer from './importer';
import articleReport from './article-report';
import tagMerge from './tag-merge';
import cleaner from './cleaner';

export default { normalizer, cleaner, taxonomy, articles, importer, articleReport, tagMerge };
