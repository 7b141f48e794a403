import normalizer from './normalizer';
import taxonomy from './taxonomy';
import articles from './articles';
import importer from './importer';

export default { normalizer, taxonomy, articles, importer };
