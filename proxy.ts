import createMiddleware from "next-intl/middleware";
import { routing } from "./i18n/routing";

export default createMiddleware(routing);

export const config = {
  // Everything but API routes, Next's own files, content media and files with an extension.
  matcher: "/((?!api|_next|_vercel|media|.*\\..*).*)",
};
