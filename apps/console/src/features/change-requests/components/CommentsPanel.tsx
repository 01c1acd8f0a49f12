import { Button, Card, Flex, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { CHANGE_REQUEST_RULES, type ChangeCommentView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/useI18n';

export interface CommentsPanelProps {
  comments: ChangeCommentView[];
  onAdd: (body: string) => Promise<void>; // rejects (after showing the error) to keep the text
}

// The discussion of a request, oldest first, and a box to add to it.
export function CommentsPanel({ comments, onAdd }: CommentsPanelProps) {
  const { t, formatDateTime } = useI18n();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);

  const send = async () => {
    const body = text.trim();
    if (!body) return;
    setSending(true);
    try {
      await onAdd(body);
      setText('');
    } catch {
      // the error was shown; the text stays to retry
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" title={t('changeRequests.comments.title', { count: comments.length })} data-testid="change-request-comments">
      <List
        size="small"
        dataSource={comments}
        locale={{ emptyText: t('changeRequests.comments.empty') }}
        renderItem={(comment) => (
          <List.Item key={comment.id} data-testid="change-request-comment">
            <div style={{ minWidth: 0, width: '100%' }}>
              <Typography.Text strong>{comment.author}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <time dateTime={comment.at}>{formatDateTime(comment.at)}</time>
              </Typography.Text>
              <Typography.Paragraph style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>{comment.body}</Typography.Paragraph>
            </div>
          </List.Item>
        )}
      />
      <Flex vertical gap={8} style={{ marginTop: 12 }}>
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('changeRequests.comments.placeholder')}
          aria-label={t('changeRequests.comments.label')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={CHANGE_REQUEST_RULES.commentMaxLength}
          data-testid="change-request-comment-input"
        />
        <Flex justify="flex-end">
          <Button onClick={send} loading={sending} disabled={!text.trim()} data-testid="change-request-comment-send">
            {t('changeRequests.comments.send')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
