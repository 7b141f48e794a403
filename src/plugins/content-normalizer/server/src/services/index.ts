import normalizer from './normalizer';
import taxonomy from './taxonomy';
import articles from './articles';
import importer from './importer';
import articleReport from './article-report';
import tagMerge from './tag-merge';
import cleaner from './cleaner';
import articleWriter from './article-writer';
import importPacer from './import-pacer';
import sourceMemory from './source-memory';
import jobs from './jobs';
import ruleImpact from './rule-impact';

export default {
  normalizer,
  cleaner,
  taxonomy,
  articles,
  articleWriter,
  importPacer,
  importer,
  articleReport,
  tagMerge,
  sourceMemory,
  jobs,
  ruleImpact,
};
