export type ShareNetwork = "vk" | "telegram" | "ok" | "whatsapp";

export interface ShareLink {
  network: ShareNetwork;
  href: string;
}

const e = encodeURIComponent;

/**
 * Share links for an article's canonical URL and title: each network's documented web endpoint,
 * a plain link, so sharing needs neither JavaScript nor a widget script from the network.
 * WhatsApp takes a single text, so the title and the URL go into it together.
 */
export function shareLinks(url: string, title: string): ShareLink[] {
  return [
    { network: "vk", href: `https://vk.com/share.php?url=${e(url)}&title=${e(title)}` },
    { network: "telegram", href: `https://t.me/share/url?url=${e(url)}&text=${e(title)}` },
    { network: "ok", href: `https://connect.ok.ru/offer?url=${e(url)}&title=${e(title)}` },
    { network: "whatsapp", href: `https://wa.me/?text=${e(`${title} ${url}`)}` },
  ];
}
