import { CSSProperties, MouseEvent, ReactNode, useEffect, useState } from 'react';

/** Pages live under /console; the directory answers index.html for each, so every page has its URL. */
export const BASE = '/console';

export function navigate(path: string): void {
  window.history.pushState(null, '', BASE + path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const changed = () => setPath(currentPath());
    window.addEventListener('popstate', changed);
    return () => window.removeEventListener('popstate', changed);
  }, []);
  return path;
}

function currentPath(): string {
  const path = window.location.pathname.slice(BASE.length).replace(/\/+$/, '');
  return path || '/';
}

export function Link({ to, children, style }: { to: string; children: ReactNode; style?: CSSProperties }) {
  const follow = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={BASE + to} onClick={follow} style={style}>
      {children}
    </a>
  );
}
