import * as React from 'react';
import { Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PERMISSIONS } from '../permissions';
import { getTranslation } from '../utils/getTranslation';
import { errorMessage } from '../types';

interface SourceSummary {
  slug: string;
  name: string;
  learned: number;
  documents: number;
}
interface LearnedLine {
  lineKey: string;
  text: string;
  documents: number;
  state: 'counting' | 'learned' | 'kept';
}
interface SourceMemoryView {
  threshold: number;
  documents: number;
  lines: LearnedLine[];
}

/**
 * Settings → Content normalizer → Source boilerplate: per source, the lines learned from its documents (rule
 * source-boilerplate) with their counts, and two answers: keep a line as content, or forget its count.
 */
const SourceMemoryPageContent = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage: id }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC({ update: PERMISSIONS.update });
  const [sources, setSources] = React.useState<SourceSummary[] | null>(null);
  const [slug, setSlug] = React.useState('');
  const [view, setView] = React.useState<SourceMemoryView | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);

  const fail = (e: unknown) => toggleNotification({ type: 'danger', message: t('error', { message: errorMessage(e) }) });

  React.useEffect(() => {
    get<{ data: SourceSummary[] }>('/content-normalizer/sources')
      .then(({ data }) => {
        setSources(data.data);
        const first = data.data.find((source) => source.learned > 0) ?? data.data[0];
        if (first) setSlug(first.slug);
      })
      .catch(fail);
  }, [get]);

  const load = React.useCallback(async () => {
    if (!slug) return;
    const { data } = await get<{ data: SourceMemoryView }>(`/content-normalizer/sources/${encodeURIComponent(slug)}/boilerplate`);
    setView(data.data);
  }, [get, slug]);

  React.useEffect(() => {
    setView(null);
    load().catch(fail);
  }, [load]);

  const act = async (action: 'keep' | 'forget', line: LearnedLine) => {
    setBusy(`${action}:${line.lineKey}`);
    try {
      await post(`/content-normalizer/sources/${encodeURIComponent(slug)}/boilerplate/${action}`, { lineKey: line.lineKey });
      toggleNotification({ type: 'success', message: t(`memory.${action}.done`) });
      await load();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  if (!sources) return <Page.Loading />;
  return (
    <Page.Main>
      <Page.Title>{t('memory.title')}</Page.Title>
      <Layouts.Header title={t('memory.title')} subtitle={t('memory.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box minWidth="20rem">
            <Typography variant="pi" fontWeight="bold">
              {t('memory.source')}
            </Typography>
            <SingleSelect aria-label={t('memory.source')} value={slug} onChange={(v: string | number) => setSlug(String(v))}>
              {sources.map((source) => (
                <SingleSelectOption key={source.slug} value={source.slug}>
                  {t('memory.source.option', { name: source.name, learned: source.learned, documents: source.documents })}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          {sources.length === 0 ? <Typography textColor="neutral600">{t('memory.noSources')}</Typography> : null}
          {view ? (
            <>
              <Typography textColor="neutral600" data-testid="memory-summary">
                {t('memory.summary', { documents: view.documents, threshold: view.threshold })}
              </Typography>
              {view.lines.length === 0 ? (
                <Typography textColor="neutral600">{t('memory.empty')}</Typography>
              ) : (
                <Table colCount={4} rowCount={view.lines.length + 1}>
                  <Thead>
                    <Tr>
                      <Th>
                        <Typography variant="sigma">{t('memory.line')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('memory.documents')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('memory.state')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('memory.actions')}</Typography>
                      </Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {view.lines.map((line) => (
                      <Tr key={line.lineKey} data-testid="memory-line" data-state={line.state}>
                        <Td style={{ whiteSpace: 'normal', maxWidth: '40rem' }}>
                          <Typography>{line.text}</Typography>
                        </Td>
                        <Td>
                          <Typography>{line.documents}</Typography>
                        </Td>
                        <Td>
                          <Typography>{t(`memory.state.${line.state}`)}</Typography>
                        </Td>
                        <Td>
                          <Flex gap={2}>
                            <Button
                              variant="secondary"
                              size="S"
                              disabled={!allowedActions.canUpdate || line.state === 'kept'}
                              loading={busy === `keep:${line.lineKey}`}
                              onClick={() => act('keep', line)}
                            >
                              {t('memory.keep')}
                            </Button>
                            <Button
                              variant="tertiary"
                              size="S"
                              disabled={!allowedActions.canUpdate}
                              loading={busy === `forget:${line.lineKey}`}
                              onClick={() => act('forget', line)}
                            >
                              {t('memory.forget')}
                            </Button>
                          </Flex>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </>
          ) : slug ? (
            <Page.Loading />
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const SourceMemoryPage = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <SourceMemoryPageContent />
  </Page.Protect>
);

export default SourceMemoryPage;
