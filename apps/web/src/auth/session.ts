import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from '../api/api-error';
import { authApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { SessionUser } from '../api/types';
import type { AppLocale } from '../i18n/locale';

// 401 from /auth/me is the normal "not signed in" answer, not an error to show.
export async function fetchSessionUser(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    return (await authApi.me(signal)).user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useSession() {
  const query = useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => fetchSessionUser(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return { user: query.data ?? null, isPending: query.isPending, error: query.error, refetch: query.refetch };
}

// After "sign out" the next person at the desk should start at home, not on the page the previous
// user left open (which their role may not even allow); after an expired session, returning the same
// user to where they were is the point.
let signedOutOnPurpose = false;

export function wasSignedOutOnPurpose(): boolean {
  return signedOutOnPurpose;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ username, password, locale }: { username: string; password: string; locale?: AppLocale }) => {
      const reply = await authApi.login(username, password);
      // A language picked on the login page is an explicit choice, so it becomes the account's.
      if (!locale || locale === reply.user.locale) return reply;
      try {
        return { ...reply, user: (await authApi.updateMe({ locale })).user };
      } catch {
        return reply;
      }
    },
    onSuccess: ({ user }) => {
      signedOutOnPurpose = false;
      // Data cached for a previous user must never leak into this session's screens.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // The cookie may already be gone; signing out locally is what the user asked for.
    }
    signedOutOnPurpose = true;
    // Null first, so protected screens unmount before the data they read disappears; the route
    // guard then sends the browser to the login page.
    queryClient.setQueryData(queryKeys.me, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
  }, [queryClient]);
}

// Only same-app paths: a crafted `from` must never bounce the user to another origin.
export function safeRedirect(from: unknown): string {
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}
