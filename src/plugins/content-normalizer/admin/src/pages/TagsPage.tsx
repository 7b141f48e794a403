import * as React from 'react';
import { Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PERMISSIONS } from '../permissions';
import { getTranslation } from '../utils/getTranslation';
import { errorMessage, type TagWithCount } from '../types';

/** Settings → Content normalizer → Tags: article counts, and merging one tag into another. */
const TagsPageContent = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage: id }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [tags, setTags] = React.useState<TagWithCount[] | null>(null);
  const [aliases, setAliases] = React.useState<Record<string, string>>({});
  const [from, setFrom] = React.useState('');
  const [into, setInto] = React.useState('');
  const [busy, setBusy] = React.useState(false);

  const load = React.useCallback(async () => {
    const { data } = await get<{ data: TagWithCount[]; meta: { aliases: Record<string, string> } }>('/content-normalizer/tags');
    setTags(data.data);
    setAliases(data.meta.aliases);
  }, [get]);

  React.useEffect(() => {
    load().catch((e: unknown) => toggleNotification({ type: 'danger', message: t('error', { message: errorMessage(e) }) }));
  }, [load]);

  const merge = async () => {
    setBusy(true);
    try {
      const { data } = await post<{ data: { moved: number; alias: { from: string; to: string } } }>('/content-normalizer/tags/merge', {
        data: { from, into },
      });
      toggleNotification({
        type: 'success',
        message: t('tags.merge.done', { from: data.data.alias.from, to: data.data.alias.to, count: data.data.moved }),
      });
      setFrom('');
      setInto('');
      await load();
    } catch (e) {
      toggleNotification({ type: 'danger', message: t('error', { message: errorMessage(e) }) });
    } finally {
      setBusy(false);
    }
  };

  if (!tags) return <Page.Loading />;
  const option = (tag: TagWithCount) => (
    <SingleSelectOption key={tag.documentId} value={tag.documentId}>
      {`${tag.name} (${tag.slug}, ${tag.articles})`}
    </SingleSelectOption>
  );

  return (
    <Page.Main>
      <Page.Title>{t('tags.title')}</Page.Title>
      <Layouts.Header title={t('tags.title')} subtitle={t('tags.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Box minWidth="20rem">
                <Typography variant="pi" fontWeight="bold">
                  {t('tags.merge.from')}
                </Typography>
                <SingleSelect aria-label={t('tags.merge.from')} value={from} onChange={(v: string | number) => setFrom(String(v))}>
                  {tags.map(option)}
                </SingleSelect>
              </Box>
              <Box minWidth="20rem">
                <Typography variant="pi" fontWeight="bold">
                  {t('tags.merge.into')}
                </Typography>
                <SingleSelect aria-label={t('tags.merge.into')} value={into} onChange={(v: string | number) => setInto(String(v))}>
                  {tags.filter((tag) => tag.documentId !== from).map(option)}
                </SingleSelect>
              </Box>
              <Button onClick={merge} loading={busy} disabled={!from || !into || from === into} data-testid="tags-merge">
                {t('tags.merge')}
              </Button>
            </Flex>
          </Box>
          <Table colCount={3} rowCount={tags.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('tags.name')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('tags.slug')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('tags.articles')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {tags.map((tag) => (
                <Tr key={tag.documentId}>
                  <Td>
                    <Typography>{tag.name}</Typography>
                  </Td>
                  <Td>
                    <Typography textColor="neutral600">{tag.slug}</Typography>
                  </Td>
                  <Td>
                    <Typography>{tag.articles}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          <Box>
            <Typography variant="delta" tag="h2">
              {t('tags.aliases')}
            </Typography>
            {Object.keys(aliases).length === 0 ? (
              <Typography tag="div" textColor="neutral600">
                {t('tags.aliases.empty')}
              </Typography>
            ) : null}
            {Object.entries(aliases).map(([old, target]) => (
              <Typography key={old} tag="div" style={{ fontFamily: 'monospace' }}>
                {old} → {target}
              </Typography>
            ))}
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const TagsPage = () => (
  <Page.Protect permissions={PERMISSIONS.tags}>
    <TagsPageContent />
  </Page.Protect>
);

export default TagsPage;
