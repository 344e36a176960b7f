/**
 * Renders the illustrations for the bundled demo articles into content/media/.
 *
 * Every picture is an abstract, newspaper-style SVG composition (gradients,
 * geometric shapes, silhouettes, charts; no text, nothing downloaded) that sharp
 * rasterises to a 1600×900 JPEG. The output is deterministic: the only
 * "randomness" is a PRNG seeded from the article slug, so running the script
 * again rewrites byte-identical files.
 *
 *   node --import tsx scripts/generate/make-demo-images.ts
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const W = 1600;
const H = 900;
const QUALITY = 78;
const MAX_BYTES = 150 * 1024;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const mediaDir = path.join(root, "content", "media");

/* ---------- deterministic helpers ---------- */

type Rng = () => number;

/** FNV-1a hash of a string, used as the PRNG seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, fully deterministic PRNG. */
function rng(seed: string): Rng {
  let a = hash(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (r: Rng, min: number, max: number) => min + (max - min) * r();
const f = (n: number) => (Math.round(n * 10) / 10).toString();

function svg(defs: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<defs>${defs}</defs>
${body}
</svg>`;
}

function linear(id: string, stops: string[], vertical = true): string {
  const dir = vertical ? 'x1="0" y1="0" x2="0" y2="1"' : 'x1="0" y1="0" x2="1" y2="0"';
  const s = stops.map((c, i) => `<stop offset="${f((i / Math.max(1, stops.length - 1)) * 100)}%" stop-color="${c}"/>`).join("");
  return `<linearGradient id="${id}" ${dir}>${s}</linearGradient>`;
}

function radial(id: string, inner: string, outer: string, cx = 0.5, cy = 0.5, r = 0.6): string {
  return `<radialGradient id="${id}" cx="${cx}" cy="${cy}" r="${r}"><stop offset="0%" stop-color="${inner}"/><stop offset="100%" stop-color="${outer}"/></radialGradient>`;
}

/** A row of blocky buildings along `baseY`, with optional lit windows. */
function skyline(r: Rng, baseY: number, minH: number, maxH: number, fill: string, windows?: string): string {
  let x = -20;
  let out = "";
  while (x < W + 20) {
    const w = between(r, 70, 170);
    const h = between(r, minH, maxH);
    const top = baseY - h;
    out += `<rect x="${f(x)}" y="${f(top)}" width="${f(w)}" height="${f(h + 2)}" fill="${fill}"/>`;
    if (r() < 0.25) {
      out += `<rect x="${f(x + w / 2 - 3)}" y="${f(top - 40)}" width="6" height="40" fill="${fill}"/>`;
    }
    if (windows) {
      for (let wy = top + 18; wy < baseY - 20; wy += 26) {
        for (let wx = x + 12; wx < x + w - 16; wx += 22) {
          if (r() < 0.32) out += `<rect x="${f(wx)}" y="${f(wy)}" width="10" height="13" fill="${windows}"/>`;
        }
      }
    }
    x += w + between(r, 0, 14);
  }
  return out;
}

/** Soft rounded cloud made from overlapping ellipses. */
function cloud(cx: number, cy: number, s: number, fill: string, opacity = 0.9): string {
  return `<g fill="${fill}" opacity="${opacity}">
<ellipse cx="${f(cx)}" cy="${f(cy)}" rx="${f(120 * s)}" ry="${f(42 * s)}"/>
<ellipse cx="${f(cx - 60 * s)}" cy="${f(cy - 18 * s)}" rx="${f(62 * s)}" ry="${f(46 * s)}"/>
<ellipse cx="${f(cx + 40 * s)}" cy="${f(cy - 34 * s)}" rx="${f(74 * s)}" ry="${f(58 * s)}"/></g>`;
}

/* ---------- scenes ---------- */

type Scene = (r: Rng) => string;

/** Negotiations: a long table in perspective, chairs, papers, tall windows. */
const negotiations: Scene = () => {
  const defs =
    linear("wall", ["#e9e1d3", "#cbbfa9"]) +
    linear("floor", ["#6b4a34", "#3e2a1d"]) +
    linear("table", ["#8a5a3b", "#5a3824"]) +
    linear("win", ["#dbe8f2", "#a9c3d8"]) +
    radial("glow", "#fff8e6", "#fff8e600", 0.5, 0.2, 0.7);
  let body = `<rect width="${W}" height="${H}" fill="url(#wall)"/>`;
  for (let i = 0; i < 4; i++) {
    const x = 170 + i * 360;
    body += `<rect x="${x}" y="70" width="180" height="380" rx="6" fill="url(#win)"/>`;
    body += `<rect x="${x + 86}" y="70" width="8" height="380" fill="#efe8dc"/>`;
    body += `<rect x="${x - 30}" y="60" width="40" height="400" fill="#b0342f" opacity="0.85"/>`;
    body += `<rect x="${x + 170}" y="60" width="40" height="400" fill="#b0342f" opacity="0.85"/>`;
  }
  body += `<rect width="${W}" height="${H}" fill="url(#glow)"/>`;
  body += `<polygon points="0,520 ${W},520 ${W},${H} 0,${H}" fill="url(#floor)"/>`;
  // chairs behind the far side of the table
  for (let i = 0; i < 7; i++) {
    const x = 300 + i * 160;
    body += `<rect x="${x}" y="430" width="96" height="150" rx="18" fill="#2f3b4c"/>`;
  }
  // the table: a trapezoid in perspective
  body += `<polygon points="260,560 1340,560 1560,840 40,840" fill="url(#table)"/>`;
  body += `<polygon points="40,840 1560,840 1560,870 40,870" fill="#3a2416"/>`;
  // papers, folders and water glasses along both sides
  for (let i = 0; i < 6; i++) {
    const t = i / 5;
    const xFar = 360 + t * 880;
    const xNear = 220 + t * 1160;
    body += `<polygon points="${f(xFar - 40)},590 ${f(xFar + 40)},590 ${f(xFar + 46)},612 ${f(xFar - 46)},612" fill="#f4f1ea"/>`;
    body += `<polygon points="${f(xNear - 70)},760 ${f(xNear + 70)},760 ${f(xNear + 80)},800 ${f(xNear - 80)},800" fill="#f7f4ee"/>`;
    body += `<rect x="${f(xNear + 96)}" y="722" width="18" height="44" rx="3" fill="#cfe3ee" opacity="0.85"/>`;
  }
  // small table flags: abstract colour blocks on thin poles
  body += `<rect x="790" y="520" width="4" height="70" fill="#999"/><rect x="794" y="522" width="46" height="30" fill="#c8463c"/><rect x="794" y="542" width="46" height="10" fill="#3f8a4e"/>`;
  body += `<rect x="806" y="520" width="4" height="70" fill="#999" transform="translate(-50 0)"/><rect x="716" y="522" width="40" height="30" fill="#3aa7c9"/>`;
  // silhouettes of two delegations: heads and shoulders at the far side
  for (const x of [470, 630, 970, 1130]) {
    body += `<ellipse cx="${x}" cy="520" rx="70" ry="48" fill="#232a36"/><circle cx="${x}" cy="455" r="30" fill="#2b3340"/>`;
  }
  return svg(defs, body);
};

/** A colonnaded public building under a pale sky, with a plaza in front. */
const colonnade: Scene = (r) => {
  const defs = linear("sky", ["#9cc2e0", "#e4eef5"]) + linear("stone", ["#f2eee6", "#cfc7b8"]) + linear("plaza", ["#b9b3a8", "#8e887d"]);
  let body = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  body += cloud(300, 150, 1.1, "#ffffff", 0.8) + cloud(1250, 110, 0.9, "#ffffff", 0.7);
  body += skyline(r, 620, 120, 300, "#a7b7c6");
  body += `<polygon points="330,250 800,130 1270,250" fill="url(#stone)"/>`;
  body += `<rect x="330" y="250" width="940" height="40" fill="#ddd5c6"/>`;
  for (let i = 0; i < 10; i++) {
    const x = 360 + i * 94;
    body += `<rect x="${x}" y="290" width="44" height="300" fill="url(#stone)"/>`;
    body += `<rect x="${x - 6}" y="290" width="56" height="14" fill="#e6dfd2"/>`;
  }
  body += `<rect x="330" y="590" width="940" height="30" fill="#d5cdbe"/>`;
  for (let s = 0; s < 5; s++) {
    body += `<rect x="${300 - s * 20}" y="${620 + s * 14}" width="${1000 + s * 40}" height="14" fill="${s % 2 ? "#c6bfb2" : "#d2cbbd"}"/>`;
  }
  body += `<rect x="0" y="690" width="${W}" height="${H - 690}" fill="url(#plaza)"/>`;
  for (let i = 0; i < 14; i++) {
    body += `<line x1="${800 + (i - 7) * 60}" y1="690" x2="${800 + (i - 7) * 260}" y2="${H}" stroke="#a39d92" stroke-width="3"/>`;
  }
  body += `<rect x="120" y="420" width="6" height="270" fill="#5d6670"/><rect x="126" y="420" width="90" height="56" fill="#c8463c"/><rect x="126" y="462" width="90" height="14" fill="#3f8a4e"/>`;
  return svg(defs, body);
};

/** Ploughed fields in perspective with a tractor silhouette and a low sun. */
const fields: Scene = () => {
  const defs = linear("sky", ["#f6d49a", "#f2b880", "#d98b6a"]) + linear("soil", ["#7a5638", "#4a321f"]) + radial("sun", "#fff5d6", "#fff5d600");
  let body = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  body += `<circle cx="1180" cy="360" r="260" fill="url(#sun)"/><circle cx="1180" cy="360" r="80" fill="#fff1cc"/>`;
  body += `<path d="M0,430 C300,390 600,440 900,410 C1200,380 1400,420 ${W},400 L${W},470 L0,470 Z" fill="#8aa36a"/>`;
  body += `<rect x="0" y="460" width="${W}" height="${H - 460}" fill="url(#soil)"/>`;
  for (let i = -20; i <= 20; i++) {
    body += `<line x1="${800 + i * 30}" y1="460" x2="${800 + i * 220}" y2="${H}" stroke="#5e4128" stroke-width="${f(4 + Math.abs(i) * 0.3)}"/>`;
  }
  body += `<polygon points="0,460 ${W},460 ${W},520 0,520" fill="#6a8a54" opacity="0.55"/>`;
  // tractor
  body += `<g transform="translate(360 520)" fill="#1f2a22">
<rect x="0" y="40" width="220" height="70" rx="8"/><rect x="110" y="-20" width="100" height="70" rx="6"/>
<rect x="124" y="-8" width="72" height="40" fill="#f6d49a" opacity="0.6"/>
<circle cx="170" cy="120" r="62"/><circle cx="170" cy="120" r="26" fill="#6c6c5a"/>
<circle cx="40" cy="128" r="38"/><circle cx="40" cy="128" r="15" fill="#6c6c5a"/>
<rect x="30" y="0" width="12" height="40"/></g>`;
  // birds
  for (let i = 0; i < 5; i++) {
    const x = 700 + i * 70;
    const y = 200 + (i % 2) * 30;
    body += `<path d="M${x},${y} q12,-12 24,0 q12,-12 24,0" stroke="#5a3b2c" stroke-width="4" fill="none"/>`;
  }
  return svg(defs, body);
};

/** A logistics terminal: warehouses, stacked containers, a gantry crane. */
const logistics: Scene = (r) => {
  const defs = linear("sky", ["#c7d7e4", "#eef2f4"]) + linear("ground", ["#9a9a94", "#6f6f6a"]);
  let body = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  body += `<rect x="0" y="560" width="${W}" height="${H - 560}" fill="url(#ground)"/>`;
  body += `<rect x="60" y="330" width="620" height="230" fill="#d9dde0"/><polygon points="60,330 370,270 680,330" fill="#b8bec3"/>`;
  for (let i = 0; i < 6; i++) body += `<rect x="${100 + i * 95}" y="430" width="70" height="130" fill="#7d8790"/>`;
  const colours = ["#c8463c", "#2f6f9e", "#e0a030", "#3f8a4e", "#6b4f8a", "#4a5560"];
  for (let col = 0; col < 7; col++) {
    const stack = 2 + Math.floor(r() * 3);
    for (let s = 0; s < stack; s++) {
      const x = 760 + col * 118;
      const y = 600 - (s + 1) * 62;
      const c = colours[Math.floor(r() * colours.length)] ?? "#4a5560";
      body += `<rect x="${x}" y="${y}" width="110" height="58" fill="${c}"/>`;
      for (let k = 1; k < 6; k++) body += `<rect x="${x + k * 18}" y="${y + 6}" width="3" height="46" fill="#000" opacity="0.18"/>`;
    }
  }
  body += `<g fill="#e0a030"><rect x="720" y="150" width="24" height="450"/><rect x="1540" y="150" width="24" height="450"/><rect x="700" y="140" width="880" height="30"/></g>`;
  body += `<rect x="1100" y="170" width="60" height="40" fill="#4a5560"/><line x1="1130" y1="210" x2="1130" y2="300" stroke="#333" stroke-width="4"/>`;
  for (let i = 0; i < 12; i++) {
    body += `<rect x="${i * 140 + 20}" y="${780}" width="80" height="8" fill="#f2f2ee" opacity="0.8"/>`;
  }
  body += `<g fill="#2b3340"><rect x="180" y="660" width="360" height="90" rx="6"/><rect x="540" y="680" width="110" height="70" rx="8"/><circle cx="240" cy="760" r="24"/><circle cx="480" cy="760" r="24"/><circle cx="600" cy="760" r="24"/></g>`;
  return svg(defs, body);
};

/** A bar chart with a trend line on a newsprint-like background. */
const barChart: Scene = (r) => {
  const defs = linear("bg", ["#f4efe4", "#e6dccb"]) + linear("bar", ["#4f8a4b", "#2f5e2e"]) + linear("bar2", ["#e0b040", "#b8862a"]);
  let body = `<rect width="${W}" height="${H}" fill="url(#bg)"/>`;
  for (let y = 180; y <= 760; y += 116) body += `<line x1="160" y1="${y}" x2="1480" y2="${y}" stroke="#c9bfae" stroke-width="2"/>`;
  body += `<line x1="160" y1="760" x2="1480" y2="760" stroke="#5a5247" stroke-width="4"/>`;
  let line = "";
  for (let i = 0; i < 8; i++) {
    const h1 = 200 + i * 38 + between(r, -30, 40);
    const h2 = 140 + i * 30 + between(r, -30, 30);
    const x = 210 + i * 158;
    body += `<rect x="${x}" y="${f(760 - h1)}" width="58" height="${f(h1)}" fill="url(#bar)"/>`;
    body += `<rect x="${x + 64}" y="${f(760 - h2)}" width="58" height="${f(h2)}" fill="url(#bar2)"/>`;
    line += `${i ? "L" : "M"}${x + 61},${f(760 - h1 - 60)} `;
  }
  body += `<path d="${line}" stroke="#b0342f" stroke-width="8" fill="none" stroke-linejoin="round"/>`;
  body += `<circle cx="1400" cy="120" r="46" fill="#e0b040" opacity="0.5"/>`;
  // stylised ears of grain in the corner
  for (let i = 0; i < 3; i++) {
    const x = 80 + i * 26;
    body += `<line x1="${x}" y1="860" x2="${x + 10}" y2="640" stroke="#b8862a" stroke-width="6"/>`;
    for (let k = 0; k < 6; k++) {
      body += `<ellipse cx="${x + 2 + k * 1.6}" cy="${700 - k * 12}" rx="7" ry="14" fill="#d4a23a" transform="rotate(-25 ${x + 2 + k * 1.6} ${700 - k * 12})"/>`;
    }
  }
  return svg(defs, body);
};

/** Two currency-like line charts on a dark trading-screen background. */
const lineChart: Scene = (r) => {
  const defs = linear("bg", ["#12263a", "#0b1724"]) + linear("area", ["#3aa7c966", "#3aa7c900"]);
  let body = `<rect width="${W}" height="${H}" fill="url(#bg)"/>`;
  for (let x = 100; x < W; x += 120) body += `<line x1="${x}" y1="80" x2="${x}" y2="820" stroke="#1f3a52" stroke-width="2"/>`;
  for (let y = 100; y < 840; y += 90) body += `<line x1="60" y1="${y}" x2="1540" y2="${y}" stroke="#1f3a52" stroke-width="2"/>`;
  const series = (base: number, amp: number, colour: string, fillArea: boolean) => {
    let d = "";
    let y = base;
    const pts: string[] = [];
    for (let x = 60; x <= 1540; x += 40) {
      y += between(r, -amp, amp);
      y = Math.max(160, Math.min(760, y));
      pts.push(`${x},${f(y)}`);
    }
    d = "M" + pts.join(" L");
    let out = "";
    if (fillArea) out += `<path d="${d} L1540,820 L60,820 Z" fill="url(#area)"/>`;
    out += `<path d="${d}" stroke="${colour}" stroke-width="6" fill="none" stroke-linejoin="round"/>`;
    return out;
  };
  body += series(430, 22, "#3aa7c9", true);
  body += series(580, 18, "#e0b040", false);
  // candle sticks strip
  for (let i = 0; i < 30; i++) {
    const x = 90 + i * 48;
    const h = between(r, 10, 60);
    const up = r() > 0.45;
    body += `<line x1="${x + 8}" y1="${f(840 - h - 14)}" x2="${x + 8}" y2="846" stroke="#56708a" stroke-width="2"/>`;
    body += `<rect x="${x}" y="${f(840 - h)}" width="16" height="${f(h)}" fill="${up ? "#3f8a4e" : "#b0342f"}"/>`;
  }
  return svg(defs, body);
};

/** Night city skyline with lit windows and a bus passing by. */
const nightBus: Scene = (r) => {
  const defs = linear("sky", ["#0d1b33", "#233a66", "#5a4d7a"]) + linear("road", ["#2a2d33", "#17191d"]) + linear("bus", ["#3aa0d8", "#1f6fa8"]);
  let body = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  for (let i = 0; i < 60; i++)
    body += `<circle cx="${f(between(r, 0, W))}" cy="${f(between(r, 20, 300))}" r="${f(between(r, 1, 2.6))}" fill="#fff" opacity="${f(between(r, 0.3, 0.9))}"/>`;
  body += `<circle cx="1320" cy="140" r="54" fill="#f3ecd2"/><circle cx="1344" cy="124" r="50" fill="#0f1f3a"/>`;
  body += skyline(r, 620, 120, 260, "#2e3a58");
  body += skyline(r, 640, 160, 420, "#1b2540", "#f2c96b");
  body += `<rect x="0" y="640" width="${W}" height="${H - 640}" fill="url(#road)"/>`;
  for (let i = 0; i < 9; i++) body += `<rect x="${i * 200 + 30}" y="770" width="110" height="10" fill="#d9d4c3" opacity="0.7"/>`;
  for (let i = 0; i < 6; i++) {
    const x = 80 + i * 300;
    body += `<rect x="${x}" y="420" width="6" height="220" fill="#444c5c"/><circle cx="${x + 3}" cy="416" r="14" fill="#ffd98a"/>`;
    body += `<ellipse cx="${x + 3}" cy="660" rx="90" ry="14" fill="#ffd98a" opacity="0.18"/>`;
  }
  body += `<g transform="translate(520 560)">
<rect x="0" y="0" width="620" height="170" rx="26" fill="url(#bus)"/>
<rect x="0" y="120" width="620" height="20" fill="#14507c"/>
${[0, 1, 2, 3, 4, 5].map((k) => `<rect x="${40 + k * 92}" y="26" width="78" height="66" rx="8" fill="#ffe7a6" opacity="0.9"/>`).join("")}
<rect x="590" y="30" width="24" height="90" rx="6" fill="#cdeaff"/>
<circle cx="130" cy="172" r="34" fill="#111"/><circle cx="130" cy="172" r="14" fill="#777"/>
<circle cx="500" cy="172" r="34" fill="#111"/><circle cx="500" cy="172" r="14" fill="#777"/>
<rect x="604" y="130" width="16" height="14" fill="#fff4c0"/></g>`;
  body += `<polygon points="1140,690 1600,640 1600,760 1140,710" fill="#fff4c0" opacity="0.12"/>`;
  return svg(defs, body);
};

/** Spring sky: a bright sun, soft clouds, a meadow with first greenery. */
const springSky: Scene = () => {
  const defs =
    linear("sky", ["#5aa0dc", "#a7d0ef", "#e9f4fb"]) +
    radial("sun", "#fffbe6", "#fffbe600") +
    linear("hill", ["#8dc36b", "#5f9a47"]) +
    linear("hill2", ["#a9d07f", "#78ad59"]);
  let body = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  body += `<circle cx="420" cy="240" r="300" fill="url(#sun)"/><circle cx="420" cy="240" r="90" fill="#fff6cc"/>`;
  for (let i = 0; i < 12; i++) {
    const a = (i / 12) * Math.PI * 2;
    body += `<line x1="${f(420 + Math.cos(a) * 115)}" y1="${f(240 + Math.sin(a) * 115)}" x2="${f(420 + Math.cos(a) * 170)}" y2="${f(240 + Math.sin(a) * 170)}" stroke="#fff3b8" stroke-width="10" stroke-linecap="round"/>`;
  }
  body += cloud(1050, 200, 1.5, "#ffffff") + cloud(1380, 330, 1.0, "#f4f8fb") + cloud(760, 420, 0.8, "#ffffff", 0.8);
  body += `<path d="M0,620 C300,540 600,560 900,610 C1200,660 1400,600 ${W},570 L${W},${H} L0,${H} Z" fill="url(#hill2)"/>`;
  body += `<path d="M0,720 C400,650 800,700 1100,740 C1300,766 1500,730 ${W},710 L${W},${H} L0,${H} Z" fill="url(#hill)"/>`;
  for (let i = 0; i < 20; i++) {
    const x = 60 + i * 78;
    const y = 800 + (i % 3) * 20;
    body += `<circle cx="${x}" cy="${y}" r="8" fill="${i % 2 ? "#ffffff" : "#f6d24a"}"/>`;
  }
  // a thinning strip of snow in the shade
  body += `<path d="M1100,760 C1250,744 1400,760 1600,740 L1600,780 C1420,792 1260,786 1100,790 Z" fill="#f4f8fb" opacity="0.8"/>`;
  return svg(defs, body);
};

/** A construction site: tower crane, building frame, fence. */
const construction: Scene = () => {
  const defs = linear("sky", ["#f0c99a", "#e9dcc8", "#cdd9e2"]) + linear("ground", ["#8b7a63", "#6a5b48"]);
  let body = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  body += `<rect x="0" y="700" width="${W}" height="${H - 700}" fill="url(#ground)"/>`;
  // building frame: floors and columns
  for (let fl = 0; fl < 5; fl++) {
    const y = 680 - fl * 90;
    body += `<rect x="520" y="${y}" width="760" height="16" fill="#9aa0a6"/>`;
    for (let c = 0; c < 7; c++) body += `<rect x="${530 + c * 120}" y="${y - 74}" width="18" height="74" fill="#b4b9be"/>`;
    if (fl < 3) for (let c = 0; c < 6; c++) body += `<rect x="${560 + c * 120}" y="${y - 66}" width="84" height="56" fill="#5b6b7a" opacity="0.35"/>`;
  }
  body += `<rect x="520" y="696" width="760" height="10" fill="#6f757a"/>`;
  // tower crane
  body += `<g stroke="#e0a030" stroke-width="6" fill="none">
<line x1="330" y1="700" x2="330" y2="120"/><line x1="370" y1="700" x2="370" y2="120"/>
${Array.from({ length: 14 }, (_, i) => `<line x1="330" y1="${700 - i * 42}" x2="370" y2="${658 - i * 42}"/>`).join("")}
<line x1="150" y1="120" x2="1250" y2="120"/><line x1="150" y1="150" x2="1250" y2="150"/>
${Array.from({ length: 27 }, (_, i) => `<line x1="${150 + i * 42}" y1="150" x2="${192 + i * 42}" y2="120"/>`).join("")}
<line x1="350" y1="40" x2="150" y2="120"/><line x1="350" y1="40" x2="1250" y2="120"/><line x1="350" y1="40" x2="350" y2="120"/></g>`;
  body += `<rect x="160" y="150" width="90" height="60" fill="#4a5560"/><rect x="372" y="150" width="56" height="50" fill="#d9dde0"/>`;
  body += `<line x1="1040" y1="150" x2="1040" y2="380" stroke="#333" stroke-width="4"/><rect x="990" y="380" width="100" height="30" fill="#7d8790"/>`;
  // fence
  for (let i = 0; i < 32; i++) body += `<rect x="${i * 50}" y="740" width="46" height="90" fill="${i % 2 ? "#2f6f9e" : "#3a7fb0"}"/>`;
  return svg(defs, body);
};

/** Total solar eclipse: dark disc with corona over a twilight horizon. */
const eclipse: Scene = () => {
  const defs =
    linear("sky", ["#070b1c", "#1b2347", "#5a4a6e", "#c77c5a"]) +
    radial("corona", "#fff8e8", "#fff8e800", 0.5, 0.5, 0.5) +
    radial("halo", "#9fb7ff55", "#9fb7ff00", 0.5, 0.5, 0.5);
  let body = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  body += `<circle cx="800" cy="330" r="420" fill="url(#halo)"/>`;
  body += `<circle cx="800" cy="330" r="230" fill="url(#corona)"/>`;
  for (let i = 0; i < 36; i++) {
    const a = (i / 36) * Math.PI * 2;
    const len = 150 + (i % 3) * 40;
    body += `<line x1="${f(800 + Math.cos(a) * 130)}" y1="${f(330 + Math.sin(a) * 130)}" x2="${f(800 + Math.cos(a) * len)}" y2="${f(330 + Math.sin(a) * len)}" stroke="#fff6e0" stroke-width="3" opacity="0.35"/>`;
  }
  body += `<circle cx="800" cy="330" r="124" fill="#05060d"/>`;
  body += `<circle cx="905" cy="262" r="9" fill="#fffbe9"/>`;
  body += `<path d="M0,760 L120,700 L260,740 L400,660 L560,730 L720,690 L880,750 L1040,670 L1200,730 L1360,680 L1500,740 L${W},700 L${W},${H} L0,${H} Z" fill="#140f1c"/>`;
  // observers with telescopes on the ridge
  body += `<g fill="#0a0810"><circle cx="560" cy="688" r="14"/><rect x="550" y="700" width="22" height="40"/><line x1="600" y1="700" x2="650" y2="650" stroke="#0a0810" stroke-width="10"/><line x1="610" y1="700" x2="600" y2="740" stroke="#0a0810" stroke-width="4"/>
<circle cx="1060" cy="658" r="14"/><rect x="1050" y="670" width="22" height="40"/></g>`;
  return svg(defs, body);
};

/** A football pitch seen from a high stand, with players as dots. */
const pitch: Scene = (r) => {
  const defs = linear("sky", ["#8fb9dc", "#d8e8f2"]) + linear("grass", ["#3f8a4e", "#2e6b3b"]);
  let body = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  body += `<rect x="0" y="150" width="${W}" height="120" fill="#6f7c8a"/>`;
  for (let row = 0; row < 5; row++) {
    for (let i = 0; i < 80; i++) {
      body += `<rect x="${i * 20 + (row % 2) * 10}" y="${160 + row * 22}" width="14" height="14" fill="${["#c8463c", "#f2f2ee", "#2f6f9e", "#e0a030"][Math.floor(r() * 4)]}" opacity="0.75"/>`;
    }
  }
  body += `<polygon points="240,280 1360,280 1600,${H} 0,${H}" fill="url(#grass)"/>`;
  for (let s = 0; s < 8; s++) {
    const y1 = 280 + s * 78;
    body += `<polygon points="${f(240 - s * 30)},${y1} ${f(1360 + s * 30)},${y1} ${f(1360 + (s + 0.5) * 30)},${y1 + 39} ${f(240 - (s + 0.5) * 30)},${y1 + 39}" fill="#ffffff" opacity="0.05"/>`;
  }
  body += `<g stroke="#f4f7f2" stroke-width="5" fill="none">
<polygon points="300,310 1300,310 1500,860 100,860"/>
<line x1="200" y1="585" x2="1400" y2="585"/>
<ellipse cx="800" cy="585" rx="170" ry="70"/>
<polygon points="620,310 980,310 1000,380 600,380"/>
<polygon points="520,860 1080,860 1050,760 550,760"/></g>`;
  body += `<circle cx="800" cy="585" r="7" fill="#f4f7f2"/>`;
  const team = (colour: string, n: number) => {
    let out = "";
    for (let i = 0; i < n; i++) {
      const x = between(r, 300, 1300);
      const y = between(r, 360, 820);
      out += `<ellipse cx="${f(x)}" cy="${f(y + 16)}" rx="12" ry="5" fill="#000" opacity="0.25"/><circle cx="${f(x)}" cy="${f(y)}" r="${f(8 + (y - 360) / 60)}" fill="${colour}"/>`;
    }
    return out;
  };
  body += team("#d0312d", 10) + team("#f3f3f3", 10);
  body += `<circle cx="840" cy="600" r="6" fill="#fff"/>`;
  return svg(defs, body);
};

/** Empty stadium stands under renovation, floodlight masts. */
const stands: Scene = () => {
  const defs = linear("sky", ["#4d6f95", "#a7c1d8"]) + linear("roof", ["#d9dde0", "#9aa3ab"]);
  let body = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  // floodlight masts
  for (const x of [130, 1470]) {
    body += `<rect x="${x - 8}" y="90" width="16" height="560" fill="#5b6570"/>`;
    body += `<rect x="${x - 70}" y="60" width="140" height="70" fill="#3e4650"/>`;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 2; j++) body += `<circle cx="${x - 48 + i * 32}" cy="${78 + j * 32}" r="12" fill="#fff6d0"/>`;
  }
  body += `<polygon points="200,150 1400,150 1460,210 140,210" fill="url(#roof)"/>`;
  for (let i = 0; i < 12; i++) body += `<rect x="${240 + i * 100}" y="210" width="10" height="90" fill="#8a939b"/>`;
  // tiers of seats, each row a band of small rectangles
  const colours = ["#d0312d", "#b82825", "#d0312d", "#f2f2ee", "#d0312d", "#b82825"];
  for (let row = 0; row < 14; row++) {
    const y = 300 + row * 30;
    const inset = 180 - row * 12;
    const c = colours[row % colours.length] ?? "#d0312d";
    body += `<rect x="${inset}" y="${y}" width="${W - 2 * inset}" height="24" fill="#4a525b"/>`;
    for (let x = inset + 6; x < W - inset - 20; x += 26) body += `<rect x="${x}" y="${y + 4}" width="20" height="16" rx="3" fill="${c}"/>`;
  }
  // section under renovation: scaffolding over grey seats
  body += `<rect x="980" y="300" width="300" height="420" fill="#7b838b"/>`;
  body += `<g stroke="#e0a030" stroke-width="5">
${Array.from({ length: 7 }, (_, i) => `<line x1="${980 + i * 50}" y1="290" x2="${980 + i * 50}" y2="720"/>`).join("")}
${Array.from({ length: 8 }, (_, i) => `<line x1="980" y1="${300 + i * 60}" x2="1280" y2="${300 + i * 60}"/>`).join("")}
${Array.from({ length: 6 }, (_, i) => `<line x1="${980 + i * 50}" y1="${300 + i * 60}" x2="${1030 + i * 50}" y2="${360 + i * 60}"/>`).join("")}</g>`;
  body += `<rect x="0" y="720" width="${W}" height="${H - 720}" fill="#3f8a4e"/>`;
  body += `<rect x="0" y="720" width="${W}" height="14" fill="#c8463c"/>`;
  body += `<line x1="0" y1="830" x2="${W}" y2="830" stroke="#f4f7f2" stroke-width="5"/>`;
  return svg(defs, body);
};

/** A road running into the distance, with runner silhouettes and ribbons. */
const road: Scene = (r) => {
  const defs = linear("sky", ["#f7c59f", "#f9e3c8", "#cfe1ec"]) + linear("asphalt", ["#5b5e66", "#30323a"]);
  let body = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  body += skyline(r, 470, 60, 200, "#b9a9a0");
  body += `<rect x="0" y="470" width="${W}" height="${H - 470}" fill="#8fae72"/>`;
  body += `<polygon points="760,470 840,470 1500,${H} 100,${H}" fill="url(#asphalt)"/>`;
  for (let i = 0; i < 8; i++) {
    const t1 = i / 8;
    const t2 = t1 + 0.05;
    const y1 = 470 + t1 * t1 * 430;
    const y2 = 470 + t2 * t2 * 430;
    body += `<polygon points="${f(798 - t1 * 6)},${f(y1)} ${f(802 + t1 * 6)},${f(y1)} ${f(802 + t2 * 8)},${f(y2)} ${f(798 - t2 * 8)},${f(y2)}" fill="#f2efe4"/>`;
  }
  // trees along the road
  for (let i = 0; i < 8; i++) {
    const t = (i + 1) / 9;
    const y = 470 + t * t * 380;
    const s = 0.3 + t * 1.3;
    for (const side of [-1, 1]) {
      const x = 800 + side * (60 + t * 760);
      body += `<rect x="${f(x - 5 * s)}" y="${f(y - 60 * s)}" width="${f(10 * s)}" height="${f(60 * s)}" fill="#5a4030"/><circle cx="${f(x)}" cy="${f(y - 80 * s)}" r="${f(42 * s)}" fill="#4f7f45"/>`;
    }
  }
  // runners: simple capsule bodies with heads, in bright shirts
  const shirts = ["#c8463c", "#2f6f9e", "#e0a030", "#3f8a4e", "#6b4f8a"];
  for (let i = 0; i < 9; i++) {
    const t = 0.35 + (i / 9) * 0.6;
    const y = 470 + t * t * 430;
    const s = t * 1.4;
    const x = 800 + between(r, -1, 1) * t * 420;
    const c = shirts[i % shirts.length] ?? "#c8463c";
    body += `<g transform="translate(${f(x)} ${f(y)}) scale(${f(s)})">
<line x1="-8" y1="-10" x2="-22" y2="30" stroke="#222" stroke-width="9" stroke-linecap="round"/>
<line x1="8" y1="-10" x2="24" y2="26" stroke="#222" stroke-width="9" stroke-linecap="round"/>
<rect x="-16" y="-78" width="32" height="70" rx="14" fill="${c}"/>
<circle cx="0" cy="-96" r="15" fill="#3a2a22"/></g>`;
  }
  // start arch
  body += `<rect x="600" y="330" width="20" height="170" fill="#2f6f9e"/><rect x="980" y="330" width="20" height="170" fill="#2f6f9e"/><rect x="590" y="310" width="420" height="40" rx="8" fill="#2f6f9e"/>`;
  return svg(defs, body);
};

/** Library interior: shelves of book spines and a reading table with lamps. */
const library: Scene = (r) => {
  const defs = linear("wall", ["#efe6d6", "#d9ccb5"]) + linear("wood", ["#8a5a3b", "#6a4329"]) + radial("lamp", "#fff1c2", "#fff1c200");
  let body = `<rect width="${W}" height="${H}" fill="url(#wall)"/>`;
  const palette = ["#b0342f", "#2f6f9e", "#3f8a4e", "#e0a030", "#6b4f8a", "#c77c5a", "#2b3340", "#d7cdb8"];
  for (const [sx, sw] of [
    [60, 660],
    [880, 660],
  ] as const) {
    body += `<rect x="${sx}" y="60" width="${sw}" height="600" fill="url(#wood)"/>`;
    for (let shelf = 0; shelf < 5; shelf++) {
      const y = 80 + shelf * 116;
      body += `<rect x="${sx + 16}" y="${y}" width="${sw - 32}" height="96" fill="#4a3020"/>`;
      let x = sx + 22;
      while (x < sx + sw - 40) {
        const w = between(r, 14, 30);
        const h = between(r, 62, 92);
        const c = palette[Math.floor(r() * palette.length)] ?? "#b0342f";
        const tilt = r() < 0.06 ? ` transform="rotate(-12 ${f(x + w)} ${y + 96})"` : "";
        body += `<rect x="${f(x)}" y="${f(y + 96 - h)}" width="${f(w)}" height="${f(h)}" fill="${c}"${tilt}/>`;
        body += `<rect x="${f(x + 3)}" y="${f(y + 96 - h + 10)}" width="${f(w - 6)}" height="4" fill="#fff" opacity="0.35"/>`;
        x += w + 2;
      }
    }
  }
  body += `<rect x="0" y="660" width="${W}" height="${H - 660}" fill="#7a6a58"/>`;
  body += `<rect x="260" y="700" width="1080" height="40" fill="url(#wood)"/><rect x="300" y="740" width="30" height="160" fill="#5a3824"/><rect x="1270" y="740" width="30" height="160" fill="#5a3824"/>`;
  for (const x of [480, 800, 1120]) {
    body += `<circle cx="${x}" cy="640" r="200" fill="url(#lamp)"/>`;
    body += `<rect x="${x - 4}" y="610" width="8" height="90" fill="#3a3a3a"/><polygon points="${x - 50},620 ${x + 50},620 ${x + 30},580 ${x - 30},580" fill="#3f8a4e"/>`;
  }
  body += `<polygon points="560,690 680,690 700,700 540,700" fill="#f4f1ea"/><rect x="900" y="676" width="120" height="24" fill="#2f6f9e"/><rect x="905" y="668" width="110" height="10" fill="#c8463c"/>`;
  // a laptop for the co-working corner
  body += `<polygon points="1160,700 1260,700 1250,640 1170,640" fill="#2b3340"/><rect x="1150" y="698" width="120" height="6" fill="#9aa3ab"/>`;
  return svg(defs, body);
};

/** Exhibition hall: framed abstract prints on a white wall, a bench. */
const gallery: Scene = (r) => {
  const defs = linear("wall", ["#f7f6f2", "#e7e4dc"]) + linear("floor", ["#b89c7c", "#8f765c"]) + radial("spot", "#ffffff", "#ffffff00", 0.5, 0.1, 0.7);
  let body = `<rect width="${W}" height="${H}" fill="url(#wall)"/>`;
  body += `<rect x="0" y="700" width="${W}" height="${H - 700}" fill="url(#floor)"/>`;
  for (let i = 0; i < 12; i++) body += `<line x1="${i * 140}" y1="700" x2="${i * 140 - 200}" y2="${H}" stroke="#a88e70" stroke-width="2"/>`;
  const frames: Array<[number, number, number, number]> = [
    [140, 200, 300, 380],
    [540, 160, 520, 300],
    [1160, 220, 300, 360],
  ];
  for (const [x, y, w, h] of frames) {
    body += `<rect x="${x - 120}" y="0" width="${w + 240}" height="${y + h}" fill="url(#spot)" opacity="0.8"/>`;
    body += `<rect x="${x - 14}" y="${y - 14}" width="${w + 28}" height="${h + 28}" fill="#2b2b2b"/>`;
    body += `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#fbfaf6"/>`;
    // ink drawing of rooftops inside the frame
    let d = `M${x + 20},${y + h - 40}`;
    let cx = x + 20;
    while (cx < x + w - 40) {
      const bw = between(r, 24, 60);
      const bh = between(r, 40, h * 0.55);
      d += ` L${f(cx)},${f(y + h - 40 - bh)} L${f(cx + bw / 2)},${f(y + h - 60 - bh)} L${f(cx + bw)},${f(y + h - 40 - bh)} L${f(cx + bw)},${y + h - 40}`;
      cx += bw;
    }
    body += `<path d="${d}" stroke="#1d1d1d" stroke-width="4" fill="none"/>`;
    body += `<line x1="${x + 20}" y1="${y + h - 40}" x2="${x + w - 20}" y2="${y + h - 40}" stroke="#1d1d1d" stroke-width="4"/>`;
    body += `<circle cx="${x + w - 60}" cy="${y + 60}" r="22" fill="#b0342f"/>`;
  }
  body += `<rect x="560" y="720" width="480" height="34" rx="6" fill="#3a3a3a"/><rect x="590" y="754" width="20" height="70" fill="#3a3a3a"/><rect x="990" y="754" width="20" height="70" fill="#3a3a3a"/>`;
  body += `<g fill="#2b3340"><circle cx="1320" cy="520" r="26"/><rect x="1290" y="548" width="60" height="170" rx="24"/><rect x="1296" y="700" width="18" height="110"/><rect x="1326" y="700" width="18" height="110"/></g>`;
  return svg(defs, body);
};

/** Meetup: a projection screen with code-like bars, audience silhouettes, circuit lines. */
const meetup: Scene = (r) => {
  const defs = linear("bg", ["#1a1f3a", "#0e1124"]) + linear("screen", ["#253a6b", "#1a2850"]) + radial("beam", "#7fb6ff44", "#7fb6ff00", 0.5, 0.5, 0.5);
  let body = `<rect width="${W}" height="${H}" fill="url(#bg)"/>`;
  // circuit traces on the wall
  for (let i = 0; i < 26; i++) {
    const x = between(r, 0, W);
    const y = between(r, 20, 560);
    const len = between(r, 60, 220);
    const horiz = r() > 0.5;
    body += `<path d="M${f(x)},${f(y)} l${horiz ? f(len) : 0},${horiz ? 0 : f(len)} l${f(30)},${f(30)}" stroke="#2f4b8a" stroke-width="3" fill="none"/><circle cx="${f(x)}" cy="${f(y)}" r="6" fill="#3aa7c9"/>`;
  }
  body += `<circle cx="800" cy="300" r="520" fill="url(#beam)"/>`;
  body += `<rect x="380" y="80" width="840" height="470" rx="10" fill="#0b0e1c"/><rect x="396" y="96" width="808" height="438" fill="url(#screen)"/>`;
  const tokens = ["#3aa7c9", "#e0a030", "#d0689a", "#8fd18a", "#c9d3f2"];
  for (let line = 0; line < 13; line++) {
    let x = 430 + (line % 4 === 0 ? 0 : 40) + (line % 5 === 2 ? 40 : 0);
    const y = 124 + line * 31;
    const n = 1 + Math.floor(r() * 5);
    for (let k = 0; k < n && x < 1150; k++) {
      const w = between(r, 40, 160);
      body += `<rect x="${f(x)}" y="${y}" width="${f(w)}" height="14" rx="7" fill="${tokens[Math.floor(r() * tokens.length)] ?? "#3aa7c9"}"/>`;
      x += w + 18;
    }
  }
  // speaker at a lectern
  body += `<g fill="#05060d"><circle cx="1320" cy="520" r="30"/><rect x="1285" y="552" width="70" height="140" rx="26"/><polygon points="1250,620 1390,620 1370,760 1270,760"/></g>`;
  // audience rows
  for (let row = 0; row < 3; row++) {
    for (let i = 0; i < 14; i++) {
      const x = 60 + i * 118 + (row % 2) * 56;
      const y = 720 + row * 70;
      body += `<g fill="${row === 2 ? "#03040a" : row === 1 ? "#080a16" : "#0d1020"}"><circle cx="${x}" cy="${y}" r="${30 + row * 4}"/><ellipse cx="${x}" cy="${y + 80}" rx="${62 + row * 6}" ry="${60 + row * 4}"/></g>`;
      if (r() < 0.18) body += `<rect x="${x + 30}" y="${y - 4}" width="40" height="26" rx="4" fill="#9fc8ff" opacity="0.45"/>`;
    }
  }
  return svg(defs, body);
};

/* ---------- article → scene ---------- */

const images: Record<string, Scene> = {
  "lukashenko-kazakhstan-sco": negotiations,
  "minsk-city-council-budget-session": colonnade,
  "spring-sowing-preparation": fields,
  "logistics-center-brest": logistics,
  "harvest-plans-2024": barChart,
  "exchange-rates-week": lineChart,
  "minsk-night-bus-route": nightBus,
  "weather-spring-forecast": springSky,
  "new-school-construction": construction,
  "solar-eclipse-april-preparations": eclipse,
  "dnepr-polesye-training-camp": pitch,
  "dnepr-polesye-stadium-renovation": stands,
  "gomel-spring-marathon-registration": road,
  "new-library-grodno": library,
  "graphic-exhibition-minsk": gallery,
  "it-meetup-minsk-frontend": meetup,
};

async function main(): Promise<void> {
  await mkdir(mediaDir, { recursive: true });
  let failed = false;
  for (const [slug, scene] of Object.entries(images)) {
    const markup = scene(rng(slug));
    const jpeg = await sharp(Buffer.from(markup), { density: 72 })
      .resize(W, H, { fit: "fill" })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: QUALITY, mozjpeg: true, chromaSubsampling: "4:2:0" })
      .toBuffer();
    const file = path.join(mediaDir, `${slug}.jpg`);
    await writeFile(file, jpeg);
    const kb = (jpeg.length / 1024).toFixed(1);
    if (jpeg.length > MAX_BYTES) {
      failed = true;
      console.error(`${slug}.jpg: ${kb} KB exceeds the ${MAX_BYTES / 1024} KB budget`);
    } else {
      console.log(`${path.relative(root, file)}  ${kb} KB`);
    }
  }
  if (failed) process.exitCode = 1;
}

await main();
