import { Alert, Button, Spin } from 'antd';
import { ReactNode, useCallback, useEffect, useState } from 'react';
import { useI18n } from './i18n';

export type Loaded<T> =
  { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; value: T };

/** Loads once, and again on `reload`; `every` ms polls while `keepPolling` says so. */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
  poll?: { everyMs: number; keepPolling: (value: T) => boolean },
): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () =>
      load().then(
        (value) => {
          if (!active) return;
          setState({ kind: 'ready', value });
          if (poll?.keepPolling(value)) timer = setTimeout(run, poll.everyMs);
        },
        (error: unknown) =>
          active && setState({ kind: 'failed', message: String((error as Error).message ?? error) }),
      );
    void run();
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [...deps, generation]);
  return [state, reload];
}

/** The loading and error states every page shares; `children` renders the loaded value. */
export function LoadState<T>({
  state,
  reload,
  children,
}: {
  state: Loaded<T>;
  reload: () => void;
  children: (value: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (state.kind === 'loading') return <Spin size="large" data-testid="loading" />;
  if (state.kind === 'failed')
    return (
      <Alert
        type="error"
        showIcon
        message={t('common.loadFailed', { message: state.message })}
        action={<Button onClick={reload}>{t('common.retry')}</Button>}
      />
    );
  return <>{children(state.value)}</>;
}
