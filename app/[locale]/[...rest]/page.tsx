import { notFound } from "next/navigation";

/** Any path no other route claims: the localized 404 page. */
export default function CatchAll() {
  notFound();
}
