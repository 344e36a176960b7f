import type { ReactNode } from "react";

/**
 * The content pages' grid: the main column, and from `lg` on a 20rem column beside it (the
 * sidebar, which sits below the main column on narrow screens). `min-w-0` lets long words and
 * tables in the main column shrink instead of widening the grid.
 */
export function TwoColumnLayout({ children, aside }: { children: ReactNode; aside: ReactNode }) {
  return (
    <div className="grid gap-12 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0">{children}</div>
      {aside}
    </div>
  );
}
