import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useFetchClient, useForm, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ARTICLE_UID } from '../permissions';
import { getTranslation } from '../utils/getTranslation';
import { errorMessage, type ArticleReportView } from '../types';

/** The props the Content Manager gives edit-view side panels (content-manager's PanelComponentProps). */
export interface PanelProps {
  model: string;
  documentId?: string;
  document?: { id?: number | string } | null;
  activeTab?: 'draft' | 'published' | null;
}

const ReportContent = ({ documentId }: { documentId: string }) => {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage: id }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const modified = useForm('CleaningPanel', (state) => state.modified);
  const [view, setView] = React.useState<ArticleReportView | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);

  React.useEffect(() => {
    get<{ data: ArticleReportView }>(`/content-normalizer/articles/${documentId}/report`)
      .then(({ data }) => setView(data.data))
      .catch((e: unknown) => toggleNotification({ type: 'danger', message: t('error', { message: errorMessage(e) }) }));
  }, [documentId, get]);

  /**
   * The server writes the article itself (so the save is not cleaned again); the edit form then holds
   * stale values, so the page reloads to show what is stored.
   */
  const act = async (key: string, url: string, body: object, done: string) => {
    setBusy(key);
    try {
      await post(url, body);
      toggleNotification({ type: 'success', message: t(done) });
      window.location.reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: t('error', { message: errorMessage(e) }) });
      setBusy(null);
    }
  };

  if (!view) return <Typography textColor="neutral600">…</Typography>;
  const report = view.report;
  const kept = report?.kept ?? [];

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="cleaning-panel">
      {modified ? <Typography textColor="warning600">{t('panel.modified')}</Typography> : null}
      {!report ? <Typography textColor="neutral600">{t('panel.no-report')}</Typography> : null}
      {report && report.removed.length === 0 ? <Typography textColor="neutral600">{t('panel.empty')}</Typography> : null}
      {report && report.removed.length > 0 ? (
        <Typography variant="sigma" textColor="neutral600">
          {t('panel.removed.count', { count: report.removed.length })}
        </Typography>
      ) : null}
      {report?.removed.map((entry, i) => (
        <Box
          key={`${entry.line}-${i}`}
          background="neutral100"
          padding={2}
          hasRadius
          data-testid="panel-removed-line"
          data-rule={entry.rule}
        >
          <Flex direction="column" alignItems="stretch" gap={1}>
            <Flex gap={2} justifyContent="space-between">
              <Badge backgroundColor="danger100" textColor="danger700">
                {entry.rule}
              </Badge>
              <Typography variant="pi" textColor="neutral500">
                #{entry.line}
              </Typography>
            </Flex>
            <Typography tag="del" textColor="neutral800" variant="pi" style={{ wordBreak: 'break-word' }} data-testid="panel-removed-text">
              {entry.text}
            </Typography>
            <Button
              size="S"
              variant="tertiary"
              disabled={modified || busy !== null}
              loading={busy === `keep-${i}`}
              onClick={() =>
                act(`keep-${i}`, `/content-normalizer/articles/${documentId}/keep`, { data: { text: entry.text } }, 'panel.keep.done')
              }
            >
              {t('panel.keep')}
            </Button>
          </Flex>
        </Box>
      ))}
      {kept.length > 0 ? (
        <Box>
          <Typography variant="sigma" textColor="neutral600">
            {t('panel.kept')}
          </Typography>
          <Typography tag="div" variant="pi" textColor="neutral600">
            {t('panel.kept.help')}
          </Typography>
          {kept.map((line) => (
            <Typography key={line} tag="div" variant="pi" textColor="success700" data-testid="panel-kept-line">
              {line}
            </Typography>
          ))}
        </Box>
      ) : null}
      {report?.cleanedAt ? (
        <Typography variant="pi" textColor="neutral500">
          {t(report.via ? 'panel.cleaned-at.via' : 'panel.cleaned-at', {
            date: formatDate(report.cleanedAt, { dateStyle: 'medium', timeStyle: 'short' }),
            via: report.via ? t(`panel.via.${report.via}`) : '',
          })}
        </Typography>
      ) : null}
      <Button
        variant="secondary"
        startIcon={<ArrowClockwise />}
        disabled={modified || busy !== null || !view.hasRawText}
        loading={busy === 'reclean'}
        fullWidth
        data-testid="panel-reclean"
        onClick={() => act('reclean', `/content-normalizer/articles/${documentId}/reclean`, {}, 'panel.reclean.done')}
      >
        {t('panel.reclean')}
      </Button>
    </Flex>
  );
};

/**
 * Edit-view side panel (content-manager `addEditViewSidePanel`): called like a hook, it returns the
 * panel's title and content, or null to show nothing (other content types, an unsaved article).
 */
export const CleaningPanel = ({ model, documentId, document }: PanelProps) => {
  const { formatMessage } = useIntl();
  if (model !== ARTICLE_UID) return null;
  const title = formatMessage({ id: getTranslation('panel.title'), defaultMessage: 'Cleaning report' });
  if (!documentId || !document?.id) {
    return {
      title,
      content: (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({ id: getTranslation('panel.unsaved'), defaultMessage: 'Save the article first.' })}
        </Typography>
      ),
    };
  }
  return { title, content: <ReportContent documentId={documentId} /> };
};
