import type { ReviewPolicyView } from '@switchboard/shared';
import { getNamespace } from '../../../api/namespaces.api';
import { useRemoteData } from '../../../api/useRemoteData';

// The review policy of a namespace; undefined while it loads (or when it could not be read:
// publishing then goes ahead and the server answers REVIEW_REQUIRED if a review is needed).
export function useReviewPolicy(namespaceId: string): ReviewPolicyView | undefined {
  const namespace = useRemoteData(() => getNamespace(namespaceId), [namespaceId]);
  return namespace.data?.reviewPolicy;
}

export const reviewRequired = (policy: ReviewPolicyView | undefined) => policy?.mode === 'required';
