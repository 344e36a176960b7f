import type { ReactNode } from "react";

// The real root layout is app/[locale]/layout.tsx; this one only exists so that app/not-found.tsx
// can answer URLs that never reach a locale.
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
