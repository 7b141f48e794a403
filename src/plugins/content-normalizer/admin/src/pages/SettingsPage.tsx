import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Flex,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  Switch,
  Table,
  Tbody,
  Td,
  TextInput,
  Textarea,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Check, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PreviewResult } from '../components/PreviewResult';
import { RuleImpactPanel } from '../components/RuleImpactPanel';
import { PERMISSIONS } from '../permissions';
import { getTranslation } from '../utils/getTranslation';
import { errorMessage, type CleanResult, type CustomPattern, type Example, type RuleSettings, type SettingsResponse } from '../types';

const GLOBAL = '__global__';
const PREVIEW_DELAY_MS = 300;

const useT = () => {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (id: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage: id }, values),
    [formatMessage],
  );
};

const patternsOf = (settings: RuleSettings, scope: string): CustomPattern[] =>
  scope === GLOBAL ? settings.customPatterns : (settings.sources[scope]?.customPatterns ?? []);

const withPatterns = (settings: RuleSettings, scope: string, patterns: CustomPattern[]): RuleSettings =>
  scope === GLOBAL
    ? { ...settings, customPatterns: patterns }
    : { ...settings, sources: { ...settings.sources, [scope]: { ...settings.sources[scope], customPatterns: patterns } } };

/** Drops rows an editor added but left empty, so "Add pattern" then "Save" does not fail validation. */
const withoutBlankPatterns = (settings: RuleSettings): RuleSettings => {
  const keep = (list: CustomPattern[] | undefined) => (list ?? []).filter((p) => p.pattern.trim() !== '');
  const sources: RuleSettings['sources'] = {};
  for (const [name, value] of Object.entries(settings.sources)) sources[name] = { ...value, customPatterns: keep(value.customPatterns) };
  return { rules: settings.rules, customPatterns: keep(settings.customPatterns), sources };
};

/* -------------------------------------------------------------------------------------------------
 * Rules table: built-in rules with their switch, then the rule ids custom patterns report under.
 * -----------------------------------------------------------------------------------------------*/
const RulesTable = ({
  data,
  settings,
  canUpdate,
  onToggle,
}: {
  data: SettingsResponse;
  settings: RuleSettings;
  canUpdate: boolean;
  onToggle: (id: string, on: boolean) => void;
}) => {
  const t = useT();
  const isOn = (id: string, defaultEnabled: boolean) => settings.rules[id] ?? data.fromConfig.rules[id] ?? defaultEnabled;

  // Custom rule ids, wherever their patterns are defined.
  const custom = new Map<string, string[]>();
  const collect = (list: CustomPattern[] | undefined, where: string) => {
    for (const p of list ?? []) {
      if (!p.pattern.trim()) continue;
      const id = p.rule?.trim() || 'custom-pattern';
      custom.set(id, [...(custom.get(id) ?? []), `${p.description || p.pattern}${where}`]);
    }
  };
  for (const source of [data.fromConfig, settings]) {
    collect(source.customPatterns, '');
    for (const [name, s] of Object.entries(source.sources)) collect(s.customPatterns, ` (${name})`);
  }

  return (
    <Table colCount={4} rowCount={data.rules.length + custom.size + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('rules.id')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('rules.matches')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('rules.enabled')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {data.rules.map((rule) => (
          <Tr key={rule.id} data-testid={`rule-row-${rule.id}`}>
            <Td>
              <Flex gap={2}>
                <Typography fontWeight="bold">{rule.id}</Typography>
                <Badge>{t('rules.builtin')}</Badge>
              </Flex>
            </Td>
            <Td>
              <Typography textColor="neutral800" style={{ whiteSpace: 'normal' }}>
                {rule.description}
              </Typography>
            </Td>
            <Td>
              <Switch
                aria-label={`${t('rules.enabled')} ${rule.id}`}
                checked={isOn(rule.id, rule.defaultEnabled)}
                disabled={!canUpdate}
                onCheckedChange={(on: boolean) => onToggle(rule.id, on)}
                onLabel={t('rules.on')}
                offLabel={t('rules.off')}
                visibleLabels
              />
            </Td>
          </Tr>
        ))}
        {[...custom.entries()].map(([id, patterns]) => (
          <Tr key={`custom-${id}`} data-testid={`rule-row-custom-${id}`}>
            <Td>
              <Flex gap={2}>
                <Typography fontWeight="bold">{id}</Typography>
                <Badge backgroundColor="secondary100" textColor="secondary700">
                  {t('rules.custom')}
                </Badge>
              </Flex>
            </Td>
            <Td>
              <Typography textColor="neutral800" style={{ whiteSpace: 'normal' }}>
                {t('rules.custom.matches', { count: patterns.length, patterns: patterns.join('; ') })}
              </Typography>
            </Td>
            <Td>
              <Typography textColor="neutral600">{isOn('custom-pattern', true) ? t('rules.on') : t('rules.off')}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Custom patterns of one scope (every source, or one source), editable in place.
 * -----------------------------------------------------------------------------------------------*/
const PatternsEditor = ({
  patterns,
  fixed,
  canUpdate,
  onChange,
}: {
  patterns: CustomPattern[];
  fixed: CustomPattern[];
  canUpdate: boolean;
  onChange: (patterns: CustomPattern[]) => void;
}) => {
  const t = useT();
  const edit = (index: number, key: keyof CustomPattern, value: string) =>
    onChange(patterns.map((p, i) => (i === index ? { ...p, [key]: value } : p)));

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {fixed.length > 0 ? (
        <Box>
          <Typography variant="pi" textColor="neutral600">
            {t('patterns.from-config')}
          </Typography>
          {fixed.map((p, i) => (
            <Typography key={i} tag="div" textColor="neutral700" style={{ fontFamily: 'monospace' }}>
              {p.pattern}
              {p.flags ? ` (${p.flags})` : ''} → {p.rule || 'custom-pattern'}
            </Typography>
          ))}
        </Box>
      ) : null}
      {patterns.length === 0 ? <Typography textColor="neutral600">{t('patterns.empty')}</Typography> : null}
      {patterns.map((p, i) => (
        <Flex key={i} gap={2} alignItems="flex-end" data-testid="pattern-row">
          <Box flex="3 1 0">
            <TextInput
              aria-label={t('patterns.pattern')}
              placeholder={t('patterns.pattern')}
              name={`pattern-${i}`}
              value={p.pattern}
              disabled={!canUpdate}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => edit(i, 'pattern', e.target.value)}
            />
          </Box>
          <Box flex="0 0 8rem">
            <TextInput
              aria-label={t('patterns.flags')}
              placeholder={t('patterns.flags')}
              name={`flags-${i}`}
              value={p.flags ?? ''}
              disabled={!canUpdate}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => edit(i, 'flags', e.target.value)}
            />
          </Box>
          <Box flex="1 1 0">
            <TextInput
              aria-label={t('patterns.rule')}
              placeholder="custom-pattern"
              name={`rule-${i}`}
              value={p.rule ?? ''}
              disabled={!canUpdate}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => edit(i, 'rule', e.target.value)}
            />
          </Box>
          <Box flex="2 1 0">
            <TextInput
              aria-label={t('patterns.description')}
              placeholder={t('patterns.description')}
              name={`description-${i}`}
              value={p.description ?? ''}
              disabled={!canUpdate}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => edit(i, 'description', e.target.value)}
            />
          </Box>
          <IconButton label={t('patterns.delete')} disabled={!canUpdate} onClick={() => onChange(patterns.filter((_, j) => j !== i))}>
            <Trash />
          </IconButton>
        </Flex>
      ))}
      <Box>
        <Button variant="secondary" startIcon={<Plus />} disabled={!canUpdate} onClick={() => onChange([...patterns, { pattern: '' }])}>
          {t('patterns.add')}
        </Button>
      </Box>
    </Flex>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Live preview: cleans what is pasted with the settings as they are on the page, debounced.
 * -----------------------------------------------------------------------------------------------*/
const LivePreview = ({ settings, sources, canUpdate }: { settings: RuleSettings; sources: string[]; canUpdate: boolean }) => {
  const t = useT();
  const { get, post } = useFetchClient();
  const [examples, setExamples] = React.useState<Example[]>([]);
  const [example, setExample] = React.useState('');
  const [text, setText] = React.useState('');
  const [source, setSource] = React.useState('');
  const [result, setResult] = React.useState<{ input: string; isHtml: boolean; data: CleanResult } | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    get<{ data: Example[] }>('/content-normalizer/settings/examples')
      .then(({ data }) => setExamples(data.data))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [get]);

  React.useEffect(() => {
    if (!text.trim()) {
      setResult(null);
      return;
    }
    const isHtml = /^\s*<(?:!doctype|html|head|body|article|main|div|section|p)\b/i.test(text);
    let cancelled = false;
    const timer = setTimeout(() => {
      setBusy(true);
      const data: Record<string, string> = isHtml ? { html: text } : { text };
      if (source) data.source = source;
      // The server previews unsaved settings only for those who may save them; readers preview the saved ones.
      const body = canUpdate ? { data, settings: withoutBlankPatterns(settings) } : { data };
      post<{ data: CleanResult }>('/content-normalizer/settings/preview', body)
        .then((response) => {
          if (cancelled) return;
          setResult({ input: text, isHtml, data: response.data.data });
          setError(null);
        })
        .catch((e: unknown) => !cancelled && setError(errorMessage(e)))
        .finally(() => !cancelled && setBusy(false));
    }, PREVIEW_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, source, settings, post, canUpdate]);

  const allSources = [...new Set([...sources, ...Object.keys(settings.sources)])].sort();

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography textColor="neutral600">{t('preview.help')}</Typography>
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Box minWidth="24rem">
          <Typography variant="pi" fontWeight="bold" tag="label" htmlFor="cn-example">
            {t('preview.example')}
          </Typography>
          <SingleSelect
            id="cn-example"
            data-testid="example-select"
            aria-label={t('preview.example')}
            value={example}
            placeholder={t('preview.example.none')}
            onChange={(value: string | number) => {
              const name = String(value);
              setExample(name);
              const found = examples.find((e) => e.name === name);
              if (found) setText(found.content);
            }}
          >
            {examples.map((e) => (
              <SingleSelectOption key={e.name} value={e.name}>
                {e.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
        <Box minWidth="20rem">
          <Typography variant="pi" fontWeight="bold" tag="label" htmlFor="cn-source">
            {t('preview.source')}
          </Typography>
          <SingleSelect
            id="cn-source"
            aria-label={t('preview.source')}
            value={source || GLOBAL}
            onChange={(value: string | number) => setSource(String(value) === GLOBAL ? '' : String(value))}
          >
            <SingleSelectOption value={GLOBAL}>{t('patterns.scope.global')}</SingleSelectOption>
            {allSources.map((name) => (
              <SingleSelectOption key={name} value={name}>
                {name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
        {busy ? <Typography textColor="neutral600">{t('preview.cleaning')}</Typography> : null}
      </Flex>
      <Box>
        <Typography variant="pi" fontWeight="bold" tag="label" htmlFor="cn-preview-input">
          {t('preview.input')}
        </Typography>
        <Textarea
          id="cn-preview-input"
          name="preview-input"
          data-testid="preview-input"
          value={text}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => {
            setExample('');
            setText(e.target.value);
          }}
          style={{ minHeight: '14rem', fontFamily: 'monospace' }}
        />
      </Box>
      {error ? (
        <Typography textColor="danger600" data-testid="preview-error">
          {t('error', { message: error })}
        </Typography>
      ) : null}
      {result ? <PreviewResult original={result.input} isHtml={result.isHtml} result={result.data} /> : null}
    </Flex>
  );
};

/* -------------------------------------------------------------------------------------------------
 * The page
 * -----------------------------------------------------------------------------------------------*/
const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" paddingTop={6} paddingBottom={6} paddingLeft={7} paddingRight={7}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {children}
    </Flex>
  </Box>
);

const SettingsPageContent = () => {
  const t = useT();
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const {
    allowedActions: { canUpdate },
  } = useRBAC({ update: PERMISSIONS.update });

  const [data, setData] = React.useState<SettingsResponse | null>(null);
  const [settings, setSettings] = React.useState<RuleSettings | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [scope, setScope] = React.useState(GLOBAL);
  const [newSource, setNewSource] = React.useState('');
  const [saving, setSaving] = React.useState(false);
  const [dirty, setDirty] = React.useState(false);

  React.useEffect(() => {
    get<{ data: SettingsResponse }>('/content-normalizer/settings')
      .then(({ data: body }) => {
        setData(body.data);
        setSettings(body.data.settings);
      })
      .catch((e: unknown) => setLoadError(errorMessage(e)));
  }, [get]);

  const change = (next: RuleSettings) => {
    setSettings(next);
    setDirty(true);
  };

  const save = async () => {
    if (!settings) return;
    setSaving(true);
    try {
      const { data: body } = await put<{ data: RuleSettings }>('/content-normalizer/settings', { data: withoutBlankPatterns(settings) });
      setSettings(body.data);
      setDirty(false);
      toggleNotification({ type: 'success', message: t('settings.saved') });
    } catch (e) {
      toggleNotification({ type: 'danger', message: t('error', { message: errorMessage(e) }) });
    } finally {
      setSaving(false);
    }
  };

  const proposed = React.useMemo(() => (settings ? withoutBlankPatterns(settings) : null), [settings]);

  if (loadError) return <Page.Error />;
  if (!data || !settings || !proposed) return <Page.Loading />;

  const scopes = [...new Set([...data.sources, ...Object.keys(settings.sources)])].sort();
  const fixed = scope === GLOBAL ? data.fromConfig.customPatterns : (data.fromConfig.sources[scope]?.customPatterns ?? []);

  return (
    <Page.Main>
      <Page.Title>{t('settings.title')}</Page.Title>
      <Layouts.Header
        title={t('settings.title')}
        subtitle={t('settings.subtitle')}
        primaryAction={
          canUpdate ? (
            <Button startIcon={<Check />} onClick={save} loading={saving} disabled={!dirty} data-testid="settings-save">
              {t('settings.save')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {!canUpdate ? <Typography textColor="neutral600">{t('settings.read-only')}</Typography> : null}
          <Section title={t('rules.title')}>
            <RulesTable
              data={data}
              settings={settings}
              canUpdate={canUpdate}
              onToggle={(id, on) => change({ ...settings, rules: { ...settings.rules, [id]: on } })}
            />
          </Section>
          <Section title={t('patterns.title')}>
            <Typography textColor="neutral600">{t('patterns.help')}</Typography>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Box minWidth="24rem">
                <Typography variant="pi" fontWeight="bold" tag="label" htmlFor="cn-scope">
                  {t('patterns.scope')}
                </Typography>
                <SingleSelect
                  id="cn-scope"
                  aria-label={t('patterns.scope')}
                  value={scope}
                  onChange={(value: string | number) => setScope(String(value))}
                >
                  <SingleSelectOption value={GLOBAL}>{t('patterns.scope.global')}</SingleSelectOption>
                  {scopes.map((name) => (
                    <SingleSelectOption key={name} value={name}>
                      {t('patterns.scope.source', { name })}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Box>
              {canUpdate ? (
                <Flex gap={2} alignItems="flex-end">
                  <TextInput
                    aria-label={t('patterns.new-source')}
                    placeholder={t('patterns.new-source')}
                    name="new-source"
                    value={newSource}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setNewSource(e.target.value)}
                  />
                  <Button
                    variant="tertiary"
                    disabled={!newSource.trim()}
                    onClick={() => {
                      const name = newSource.trim();
                      if (!settings.sources[name])
                        change({ ...settings, sources: { ...settings.sources, [name]: { customPatterns: [] } } });
                      setScope(name);
                      setNewSource('');
                    }}
                  >
                    {t('patterns.new-source.add')}
                  </Button>
                </Flex>
              ) : null}
            </Flex>
            <PatternsEditor
              patterns={patternsOf(settings, scope)}
              fixed={fixed}
              canUpdate={canUpdate}
              onChange={(patterns) => change(withPatterns(settings, scope, patterns))}
            />
          </Section>
          {canUpdate ? (
            <Section title={t('impact.title')}>
              <Typography textColor="neutral600">{t('impact.help')}</Typography>
              <RuleImpactPanel settings={proposed} dirty={dirty} />
            </Section>
          ) : null}
          <Section title={t('preview.title')}>
            <LivePreview settings={settings} sources={data.sources} canUpdate={canUpdate} />
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const SettingsPage = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <SettingsPageContent />
  </Page.Protect>
);

export default SettingsPage;
