/** After an administrative change: re-read what it may have changed (and the log that recorded it). */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

export function useRefreshAdmin(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all(
      ['account', 'seat', 'audit', 'ledger'].map((k) => queryClient.invalidateQueries({ queryKey: [k] })),
    );
  }, [queryClient]);
}
