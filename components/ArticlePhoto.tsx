import Image from "next/image";
import type { ArticleImage } from "@/lib/content/types";

/**
 * A photo in a fixed 16:9 box. Local media has a known size and goes through Next's optimizer
 * (AVIF/WebP, sized for the screen); a remote photo is shown as is, since its host is not known
 * at build time.
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
  return (
    <div className={`relative aspect-[16/9] overflow-hidden bg-rule ${className}`}>
      <Image
        src={image.src}
        alt={image.alt}
        fill
        sizes={sizes}
        unoptimized={remote}
        preload={priority}
        loading={priority ? "eager" : "lazy"}
        fetchPriority={priority ? "high" : "auto"}
        className="object-cover dark:brightness-90"
      />
    </div>
  );
}
