import Image, { getImageProps } from "next/image";
import type { ArticleImage } from "@/lib/content/types";
import { mediaBaseUrl } from "@/lib/server/media-base.mjs";
import { mediaLoader } from "@/lib/seo/photo-urls";

/**
 * A photo in a fixed 16:9 box. Local media has a known size and goes through Next's optimizer
 * (AVIF/WebP, sized for the screen); a remote photo is shown as is, since its host is not known
 * at build time. With MEDIA_BASE_URL, a local photo's srcset names the copies `npm run media:export`
 * wrote there instead (lib/seo/photo-urls.ts): the same widths, as WebP.
 */
export function ArticlePhoto({
  image,
  sizes,
  priority = false,
  className = "",
}: {
  image: ArticleImage;
  sizes: string;
  priority?: boolean;
  className?: string;
}) {
  const remote = image.width === undefined || image.height === undefined;
  const props = {
    src: image.src,
    fill: true,
    sizes,
    unoptimized: remote,
    preload: priority,
    loading: priority ? "eager" : "lazy",
    fetchPriority: priority ? "high" : "auto",
    className: "object-cover dark:brightness-90",
  } as const;
  const media = remote ? undefined : mediaBaseUrl();
  return (
    <div className={`relative aspect-[16/9] overflow-hidden bg-rule ${className}`}>
      {media ? (
        // The same markup as <Image> makes, with the loader's URLs: a loader function cannot be handed
        // to <Image> (a client component) from this server component, while getImageProps runs here.
        // eslint-disable-next-line @next/next/no-img-element
        <img {...getImageProps({ ...props, alt: image.alt, loader: mediaLoader(media) }).props} alt={image.alt} />
      ) : (
        <Image {...props} alt={image.alt} />
      )}
    </div>
  );
}
