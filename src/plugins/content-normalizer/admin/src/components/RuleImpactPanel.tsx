import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';
import { errorMessage, type JobView, type RuleImpact, type RuleSettings } from '../types';

const IMPACT_DELAY_MS = 800;

/**
 * Under the rules page: while the editor changes rules, how many stored articles the change would alter, with a few
 * sample diffs; once saved, a button that re-cleans them with a background job (progress on the Jobs page).
 */
export const RuleImpactPanel = ({ settings, dirty }: { settings: RuleSettings; dirty: boolean }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage: id }, values);
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [impact, setImpact] = React.useState<RuleImpact | null>(null);
  const [checking, setChecking] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [job, setJob] = React.useState<JobView | null>(null);
  const [changedSinceCheck, setChangedSinceCheck] = React.useState(false);

  React.useEffect(() => {
    if (!dirty) return undefined;
    setChangedSinceCheck(true);
    setJob(null);
    const timer = setTimeout(() => {
      setChecking(true);
      post<{ data: RuleImpact }>('/content-normalizer/settings/impact', { data: settings })
        .then(({ data: body }) => {
          setImpact(body.data);
          setError(null);
        })
        .catch((e: unknown) => setError(errorMessage(e)))
        .finally(() => setChecking(false));
    }, IMPACT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [settings, dirty, post]);

  const apply = async () => {
    if (!impact) return;
    const reason = 'cleaning rules changed';
    const params = impact.documentIds ? { documentIds: impact.documentIds, reason } : { all: true, reason };
    try {
      const { data: body } = await post<{ data: JobView }>('/content-normalizer/jobs', { data: { type: 'reclean', params } });
      setJob(body.data);
      toggleNotification({ type: 'success', message: t('impact.job-started', { id: body.data.id }) });
    } catch (e) {
      toggleNotification({ type: 'danger', message: t('error', { message: errorMessage(e) }) });
    }
  };

  if (!changedSinceCheck) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="rule-impact">
      {checking ? <Typography textColor="neutral600">{t('impact.checking')}</Typography> : null}
      {error ? <Typography textColor="danger600">{t('error', { message: error })}</Typography> : null}
      {impact ? (
        <Typography data-testid="rule-impact-summary">
          {impact.scanned < impact.total
            ? t('impact.summary.partial', { changed: impact.wouldChange, scanned: impact.scanned, total: impact.total })
            : t('impact.summary', { changed: impact.wouldChange, total: impact.total })}
        </Typography>
      ) : null}
      {impact?.samples.map((sample) => (
        <Box key={sample.documentId} padding={3} background="neutral100" hasRadius>
          <Typography fontWeight="bold">{sample.title || sample.documentId}</Typography>
          {sample.diff.removed.map((line, i) => (
            <Typography key={`r${i}`} tag="div" textColor="danger600" style={{ fontFamily: 'monospace' }}>
              − {line}
            </Typography>
          ))}
          {sample.diff.restored.map((line, i) => (
            <Typography key={`k${i}`} tag="div" textColor="success600" style={{ fontFamily: 'monospace' }}>
              + {line}
            </Typography>
          ))}
        </Box>
      ))}
      {impact && impact.wouldChange > 0 ? (
        dirty ? (
          <Typography textColor="neutral600">{t('impact.save-first')}</Typography>
        ) : job ? (
          <Typography data-testid="rule-impact-job">{t('impact.job-started', { id: job.id })}</Typography>
        ) : (
          <Box>
            <Button variant="secondary" onClick={apply} data-testid="rule-impact-apply">
              {impact.documentIds ? t('impact.apply', { count: impact.documentIds.length }) : t('impact.apply-all')}
            </Button>
          </Box>
        )
      ) : null}
    </Flex>
  );
};
