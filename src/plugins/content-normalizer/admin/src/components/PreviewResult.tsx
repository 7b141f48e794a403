import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';
import type { CleanResult } from '../types';

interface Props {
  /** The text as sent; for HTML the engine's line numbers refer to its own Markdown, so only the list is shown. */
  original: string;
  isHtml: boolean;
  result: CleanResult;
}

const Field = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Flex gap={2} alignItems="baseline">
    <Typography variant="sigma" textColor="neutral600" minWidth="10rem">
      {label}
    </Typography>
    <Typography data-testid={testId}>{value}</Typography>
  </Flex>
);

/** The cleaned document beside the original: removed lines struck through and labelled with their rule. */
export const PreviewResult = ({ original, isHtml, result }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage: id }, values);
  const byLine = new Map(result.removed.map((entry) => [entry.line, entry]));
  const none = t('preview.field.none');

  const removedRow = (text: string, rule: string, key: string) => (
    <Flex key={key} gap={2} alignItems="flex-start" data-testid="preview-removed-line" data-rule={rule}>
      <Box background="danger100" paddingLeft={1} paddingRight={1} grow={1}>
        <Typography tag="del" textColor="danger700" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {text}
        </Typography>
      </Box>
      <Badge active={false} backgroundColor="danger100" textColor="danger700" data-testid="preview-rule">
        {rule}
      </Badge>
    </Flex>
  );

  return (
    <Flex gap={4} alignItems="flex-start" wrap="wrap" data-testid="preview-result">
      <Box flex="1 1 28rem" minWidth={0}>
        <Typography variant="delta" tag="h3">
          {t('preview.original')} · {t('preview.removed.count', { count: result.removed.length })}
        </Typography>
        <Box paddingTop={2} style={{ fontFamily: 'monospace', fontSize: '1.2rem' }}>
          {isHtml
            ? result.removed.map((entry) => removedRow(entry.text, entry.rule, `${entry.line}`))
            : original.split('\n').map((line, i) => {
                const removed = byLine.get(i + 1);
                if (removed) return removedRow(line, removed.rule, `${i}`);
                return (
                  <Typography
                    key={i}
                    tag="div"
                    textColor="neutral800"
                    style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', minHeight: '1.2em' }}
                  >
                    {line}
                  </Typography>
                );
              })}
        </Box>
      </Box>
      <Box flex="1 1 28rem" minWidth={0}>
        <Typography variant="delta" tag="h3">
          {t('preview.cleaned')}
        </Typography>
        <Flex direction="column" alignItems="stretch" gap={1} paddingTop={2} paddingBottom={3}>
          <Field label={t('preview.field.title')} value={result.title || none} testId="preview-title" />
          <Field label={t('preview.field.authors')} value={result.authors.join(', ') || none} testId="preview-authors" />
          <Field label={t('preview.field.date')} value={result.publishedDate ?? none} testId="preview-date" />
          <Field
            label={t('preview.field.reading')}
            value={t('preview.field.reading.value', { minutes: result.readingTimeMinutes, words: result.wordCount })}
            testId="preview-reading"
          />
          <Field label={t('preview.field.language')} value={result.language} testId="preview-language" />
          <Flex gap={2} alignItems="baseline" wrap="wrap">
            <Typography variant="sigma" textColor="neutral600" minWidth="10rem">
              {t('preview.field.tags')}
            </Typography>
            {result.tags.length === 0 ? <Typography>{none}</Typography> : null}
            {result.tags.map((tag) => (
              <Badge key={tag.slug} data-testid="preview-tag">
                {tag.name}
              </Badge>
            ))}
          </Flex>
          {result.problems.length > 0 ? (
            <Box paddingTop={2}>
              <Typography variant="sigma" textColor="warning600">
                {t('preview.problems')}
              </Typography>
              {result.problems.map((problem, i) => (
                <Typography key={i} tag="div" textColor="warning700">
                  {problem.message}
                </Typography>
              ))}
            </Box>
          ) : null}
        </Flex>
        <Box background="neutral100" padding={3} hasRadius data-testid="preview-body">
          <Typography tag="div" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {result.body}
          </Typography>
        </Box>
      </Box>
    </Flex>
  );
};
