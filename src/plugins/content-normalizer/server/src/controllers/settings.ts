import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { CleanOptions, CustomPattern, RuleDefinition } from '../core/types';
import { compilePatterns } from '../core/rules/custom-pattern';
import type { ContentNormalizerConfig, RuleSettings } from '../config';
import { errors } from '@strapi/utils';
import { fieldError } from '../utils/errors';
import { overlaySettings } from '../services/normalizer';

type Ctx = {
  request: { body?: unknown };
  body: unknown;
  state: { userAbility?: { can(action: string): boolean } };
};

const UPDATE_SETTINGS = 'plugin::content-normalizer.settings.update';

const MAX_PATTERNS = 200;
const MAX_PATTERN_LENGTH = 500;
const RULE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const FLAGS = /^[dimsu]*$/;

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

function parseRules(value: unknown, field: string, known: Set<string>): Record<string, boolean> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw fieldError(field, 'must be an object of rule id → true/false');
  const out: Record<string, boolean> = {};
  for (const [id, on] of Object.entries(value)) {
    if (!known.has(id)) throw fieldError(`${field}.${id}`, 'is not a rule');
    if (typeof on !== 'boolean') throw fieldError(`${field}.${id}`, 'must be true or false');
    out[id] = on;
  }
  return out;
}

function parsePatterns(value: unknown, field: string): CustomPattern[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw fieldError(field, 'must be a list');
  if (value.length > MAX_PATTERNS) throw fieldError(field, `at most ${MAX_PATTERNS} patterns`);
  return value.map((entry, i) => {
    const at = `${field}[${i}]`;
    if (!isRecord(entry)) throw fieldError(at, 'must be { pattern, flags?, rule?, description? }');
    const { pattern, flags, rule, description } = entry;
    if (typeof pattern !== 'string' || !pattern.trim()) throw fieldError(`${at}.pattern`, 'must not be empty');
    if (pattern.length > MAX_PATTERN_LENGTH) throw fieldError(`${at}.pattern`, `at most ${MAX_PATTERN_LENGTH} characters`);
    if (flags !== undefined && flags !== '' && (typeof flags !== 'string' || !FLAGS.test(flags)))
      throw fieldError(`${at}.flags`, 'only the letters d, i, m, s, u');
    if (rule !== undefined && rule !== '' && (typeof rule !== 'string' || !RULE_ID.test(rule)))
      throw fieldError(`${at}.rule`, 'lower-case letters, digits and dashes');
    if (description !== undefined && typeof description !== 'string') throw fieldError(`${at}.description`, 'must be text');
    const out: CustomPattern = { pattern };
    if (typeof flags === 'string' && flags !== '') out.flags = flags;
    if (typeof rule === 'string' && rule !== '') out.rule = rule;
    if (typeof description === 'string' && description.trim()) out.description = description.trim().slice(0, 300);
    // The engine skips a pattern RE2 cannot run (backreferences, lookaround) with a problem; an editor saving
    // one should hear it now instead.
    const problems: { message: string }[] = [];
    compilePatterns([out], problems);
    if (problems.length) throw fieldError(`${at}.pattern`, problems[0].message);
    return out;
  });
}

/** Validates what the rules page saves (or previews with): the store's { rules, customPatterns, sources }. */
export function parseSettings(value: unknown, known: Set<string>, field = 'settings'): RuleSettings {
  if (!isRecord(value)) throw fieldError(field, 'must be { rules, customPatterns, sources }');
  const extra = Object.keys(value).filter((key) => !['rules', 'customPatterns', 'sources'].includes(key));
  if (extra.length) throw fieldError(`${field}.${extra[0]}`, 'is not a setting');
  const sources: RuleSettings['sources'] = {};
  if (value.sources !== undefined) {
    if (!isRecord(value.sources)) throw fieldError(`${field}.sources`, 'must be an object of source name → settings');
    for (const [name, settings] of Object.entries(value.sources)) {
      const at = `${field}.sources.${name}`;
      if (!name.trim()) throw fieldError(at, 'a source needs a name');
      if (!isRecord(settings)) throw fieldError(at, 'must be { rules?, customPatterns? }');
      sources[name] = {
        rules: parseRules(settings.rules, `${at}.rules`, known),
        customPatterns: parsePatterns(settings.customPatterns, `${at}.customPatterns`),
      };
    }
  }
  return {
    rules: parseRules(value.rules, `${field}.rules`, known),
    customPatterns: parsePatterns(value.customPatterns, `${field}.customPatterns`),
    sources,
  };
}

/** The plugin's example documents ship beside dist/, in fixtures/. */
function fixturesDir(): string | null {
  const candidates = [path.resolve(__dirname, '..', '..', 'fixtures'), path.resolve(__dirname, '..', '..', '..', 'fixtures')];
  return candidates.find((dir) => fs.existsSync(dir)) ?? null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('content-normalizer');
  const config = () => strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;
  const knownRules = () => new Set((plugin().service('normalizer').listRules() as RuleDefinition[]).map((rule) => rule.id));

  return {
    /** GET /content-normalizer/settings: the rules, the saved settings, the config file's fixed ones, the sources. */
    async find(ctx: Ctx) {
      const base = config();
      const saved = await plugin().service('normalizer').getStoredSettings();
      const sources = (await strapi.db.query(base.taxonomy.source as never).findMany({
        select: ['name'],
        orderBy: { name: 'asc' },
      })) as Array<{ name: string }>;
      ctx.body = {
        data: {
          rules: plugin().service('normalizer').listRules(),
          settings: { rules: saved.rules ?? {}, customPatterns: saved.customPatterns ?? [], sources: saved.sources ?? {} },
          // Set in config/plugins.ts: shown read-only, changed by a deploy.
          fromConfig: { rules: base.rules, customPatterns: base.customPatterns, sources: base.sources },
          sources: sources.map((source) => source.name),
        },
      };
    },

    /** PUT /content-normalizer/settings: replaces the saved settings; the next save or import uses them. */
    async update(ctx: Ctx) {
      const body = ctx.request.body;
      if (!isRecord(body)) throw fieldError('data', 'the request body must be { "data": { rules, customPatterns, sources } }');
      const settings = parseSettings(body.data, knownRules(), 'data');
      await plugin().service('normalizer').setStoredSettings(settings);
      ctx.body = { data: settings };
    },

    /** POST /content-normalizer/preview: cleans a pasted document with the given (unsaved) or saved settings. */
    async preview(ctx: Ctx) {
      const body = ctx.request.body;
      if (!isRecord(body) || !isRecord(body.data))
        throw fieldError('data', 'the request body must be { "data": { "text" | "html", "source"? }, "settings"? }');
      // Unsaved settings are what an editor is about to save: trying them needs the right to save them.
      if (body.settings !== undefined && !ctx.state.userAbility?.can(UPDATE_SETTINGS)) {
        throw new errors.ForbiddenError('Previewing unsaved settings needs the permission to change the cleaning rules', {
          field: 'settings',
        });
      }
      const item = plugin().service('importer').parseImportItem(body.data);
      const options: CleanOptions =
        body.settings === undefined
          ? await plugin().service('normalizer').getCleanOptions()
          : overlaySettings(config(), parseSettings(body.settings, knownRules(), 'settings'));
      const prepared = await plugin().service('articles').prepare(item.raw, item.given, options, { field: item.field });
      ctx.body = { data: prepared.result };
    },

    /**
     * POST /content-normalizer/settings/impact `{ data: settings }` (the PUT's shape): how many stored articles the
     * proposed settings would change, with a few sample diffs. Nothing is saved or written.
     */
    async impact(ctx: Ctx) {
      const body = ctx.request.body;
      if (!isRecord(body)) throw fieldError('data', 'the request body must be { "data": { rules, customPatterns, sources } }');
      const options = overlaySettings(config(), parseSettings(body.data, knownRules(), 'data'));
      ctx.body = { data: await plugin().service('ruleImpact').impact(options) };
    },

    /** GET /content-normalizer/examples: the plugin's example documents, to try the rules on. */
    async examples(ctx: Ctx) {
      const dir = fixturesDir();
      const files = dir
        ? fs
            .readdirSync(dir)
            .filter((name) => /\.(txt|md|html)$/.test(name))
            .sort()
        : [];
      ctx.body = {
        data: files.map((name) => ({
          name,
          format: name.endsWith('.html') ? 'html' : 'text',
          content: fs.readFileSync(path.join(dir as string, name), 'utf8'),
        })),
      };
    },
  };
};
