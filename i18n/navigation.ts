import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

// Links are plain <a> elements (components/Link.tsx); only the locale-aware path builder is needed.
export const { getPathname } = createNavigation(routing);
