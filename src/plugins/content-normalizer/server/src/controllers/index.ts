import importer from './importer';
import preview from './preview';
import settings from './settings';
import articleReport from './article-report';
import tagMerge from './tag-merge';
import sourceMemory from './source-memory';
import jobs from './jobs';

export default { importer, preview, settings, articleReport, tagMerge, sourceMemory, jobs };
