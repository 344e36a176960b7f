import { NotFoundMessage } from "@/components/NotFoundMessage";
import { notFoundMetadata } from "@/lib/not-found-metadata";

/**
 * Where the proxy sends unknown URLs, with status 404. Rendering the 404 as an ordinary page keeps
 * its text in the server HTML, which a notFound() thrown inside a dynamic page does not.
 */
export const generateMetadata = notFoundMetadata;

export default function NotFoundPage() {
  return <NotFoundMessage />;
}
