import { NotFoundMessage } from "@/components/NotFoundMessage";
import { notFoundMetadata } from "@/lib/not-found-metadata";

export const generateMetadata = notFoundMetadata;

export default function NotFound() {
  return <NotFoundMessage />;
}
