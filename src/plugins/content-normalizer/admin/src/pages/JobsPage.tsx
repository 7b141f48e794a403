import * as React from 'react';
import { Badge, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PERMISSIONS } from '../permissions';
import { getTranslation } from '../utils/getTranslation';
import { errorMessage, type JobView } from '../types';

/** How often the page asks for progress while a job is queued or running. */
const REFRESH_MS = 2000;

const scopeOf = (job: JobView) =>
  job.params.all ? 'all' : job.params.source ? `source ${job.params.source}` : `${job.params.documentIds?.length ?? 0} articles`;

/** Settings → Content normalizer → Jobs: background re-cleans with their progress, and cancelling one. */
const JobsPageContent = () => {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage: id }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const {
    allowedActions: { canUpdate },
  } = useRBAC({ update: PERMISSIONS.update });
  const [jobs, setJobs] = React.useState<JobView[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  const load = React.useCallback(async () => {
    const { data } = await get<{ data: JobView[] }>('/content-normalizer/jobs');
    setJobs(data.data);
  }, [get]);

  React.useEffect(() => {
    load().catch((e: unknown) => setError(errorMessage(e)));
  }, [load]);

  const active = jobs?.some((job) => job.state === 'queued' || job.state === 'running') ?? false;
  React.useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => {
      load().catch((e: unknown) => setError(errorMessage(e)));
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, load]);

  const cancel = async (id: number) => {
    try {
      await post(`/content-normalizer/jobs/${id}/cancel`, {});
      await load();
    } catch (e) {
      toggleNotification({ type: 'danger', message: t('error', { message: errorMessage(e) }) });
    }
  };

  if (error && !jobs) return <Page.Error />;
  if (!jobs) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{t('jobs.title')}</Page.Title>
      <Layouts.Header title={t('jobs.title')} subtitle={t('jobs.subtitle')} />
      <Layouts.Content>
        {jobs.length === 0 ? (
          <Typography textColor="neutral600">{t('jobs.empty')}</Typography>
        ) : (
          <Table colCount={7} rowCount={jobs.length + 1} data-testid="jobs-table">
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('jobs.id')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('jobs.reason')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('jobs.scope')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('jobs.state')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('jobs.progress')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('jobs.created')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('jobs.actions')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {jobs.map((job) => (
                <Tr key={job.id} data-testid={`job-${job.id}`}>
                  <Td>
                    <Typography>{job.id}</Typography>
                  </Td>
                  <Td>
                    <Typography>{job.params.reason ?? job.type}</Typography>
                  </Td>
                  <Td>
                    <Typography>{scopeOf(job)}</Typography>
                  </Td>
                  <Td>
                    <Flex direction="column" alignItems="flex-start" gap={1}>
                      <Badge>{t(`jobs.state.${job.state}`)}</Badge>
                      {job.error ? <Typography textColor="danger600">{job.error}</Typography> : null}
                    </Flex>
                  </Td>
                  <Td>
                    <Flex direction="column" alignItems="flex-start" gap={1}>
                      <Typography>
                        {t('jobs.progress.value', {
                          done: job.progress.done,
                          total: job.progress.total ?? '?',
                          changed: job.progress.changed,
                          failed: job.progress.failed,
                        })}
                      </Typography>
                      {job.problems.slice(0, 3).map((problem, i) => (
                        <Typography key={i} variant="pi" textColor="neutral600">
                          {problem.documentId}: {problem.message}
                        </Typography>
                      ))}
                    </Flex>
                  </Td>
                  <Td>
                    <Typography>{formatDate(job.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</Typography>
                  </Td>
                  <Td>
                    {canUpdate && (job.state === 'queued' || job.state === 'running') ? (
                      <Button variant="danger-light" size="S" onClick={() => cancel(job.id)}>
                        {t('jobs.cancel')}
                      </Button>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

const JobsPage = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <JobsPageContent />
  </Page.Protect>
);

export default JobsPage;
