import type { Segment } from "@/lib/search/highlight";

/** Text with the searched-for words in <mark>; every part is rendered as text, so markup stays inert. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.mark ? (
          <mark key={i} className="rounded-sm bg-[#ffe58a] px-0.5 text-[#16171a]">
            {s.text}
          </mark>
        ) : (
          s.text
        ),
      )}
    </>
  );
}
