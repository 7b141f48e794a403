import normalizer from './normalizer';
import taxonomy from './taxonomy';
import articles from './articles';
import importer from './importer';
import articleReport from './article-report';
import tagMerge from './tag-merge';

export default { normalizer, taxonomy, articles, importer, articleReport, tagMerge };
