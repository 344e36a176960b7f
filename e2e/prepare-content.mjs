// Builds the content folder the end-to-end tests run against: the bundled demo content plus
// fixtures that must stay invisible (draft, scheduled, broken files) or render safely.
import { spawnSync } from "node:child_process";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const target = path.join(root, ".e2e", "content");

await rm(path.join(root, ".e2e"), { recursive: true, force: true });
await mkdir(target, { recursive: true });
// Without what the importer wrote into the demo folder: the suite imports the feeds itself, below.
const partners = JSON.parse(await readFile(path.join(root, "content", "sources.json"), "utf8")).map((s) => s.id);
const importedHere = new Set([".import", ...partners.flatMap((id) => [`articles/${id}`, `media/${id}`])]);
await cp(path.join(root, "content"), target, {
  recursive: true,
  filter: (src) => !importedHere.has(path.relative(path.join(root, "content"), src).split(path.sep).join("/")),
});
await cp(path.join(root, "e2e", "fixtures"), target, { recursive: true });

// Fifteen older sport stories take the section to 21 articles: two pages and "21 новость".
const sport = path.join(target, "articles", "sport", "archive");
await mkdir(sport, { recursive: true });
for (let i = 1; i <= 15; i++) {
  const day = String(i).padStart(2, "0");
  await writeFile(
    path.join(sport, `e2e-sport-archive-${i}.md`),
    `---\ntitle: "Архив спорта: матч номер ${i}"\ndate: "2024-01-${day}T18:00:00+03:00"\nsection: sport\n---\nОтчёт о матче номер ${i}.\n`,
  );
}
// Twenty-one older economy stories for the search and tag specs: one word in all of them
// («дирижабль»: 21 results, two pages), others in five, two and one, and one tag spelt two ways.
const airships = path.join(target, "articles", "economy", "airships");
await mkdir(airships, { recursive: true });
for (let i = 1; i <= 21; i++) {
  const day = String(i).padStart(2, "0");
  const extra = [i <= 5 ? "Рядом летел аэростат." : "", i <= 2 ? "Выше поднялся стратостат." : "", i === 1 ? "Пассажиры сидели в гондоле." : ""].join(" ");
  await writeFile(
    path.join(airships, `e2e-airship-${i}.md`),
    `---\ntitle: "Рейс дирижабля номер ${i}"\ndate: "2023-03-${day}T12:00:00+03:00"\nsection: economy\ntags: [${i === 7 ? "ВОЗДУХОПЛАВАНИЕ" : "Воздухоплавание"}]\n---\nДирижабли снова перевозят грузы. ${extra}\n`,
  );
}
// Partner pages (e2e/sources.spec.ts): the three fixtures of e2e/fixtures/articles/e2e-partner/
// and eighteen older stories from the same partner make 21, two pages of /source/vestnik-polesya.
// In economy, whose count no other spec checks.
const partner = path.join(target, "articles", "e2e-partner", "archive");
await mkdir(partner, { recursive: true });
for (let i = 1; i <= 18; i++) {
  const day = String(i).padStart(2, "0");
  await writeFile(
    path.join(partner, `e2e-partner-archive-${i}.md`),
    `---\ntitle: "Архив партнёра: выпуск номер ${i}"\ndate: "2022-06-${day}T09:00:00+03:00"\nsection: economy\nsource: {id: vestnik-polesya, name: "Вестник Полесья", url: "https://example.org/vestnik-polesya/archive/${i}"}\n---\nЗаметка из архива партнёра, выпуск ${i}.\n`,
  );
}
// A partner listed in sources.json with nothing imported yet: its page says so.
const sourcesFile = path.join(target, "sources.json");
const sources = JSON.parse(await readFile(sourcesFile, "utf8"));
sources.push({ id: "e2e-partner-quiet", name: "Тихая газета", url: "file:feeds/e2e-partner-quiet.xml", section: "society", enabled: false });
await writeFile(sourcesFile, `${JSON.stringify(sources, null, 2)}\n`);

// One story from half an hour ago, for the Google News sitemap and the Yandex feed (last days only).
const fresh = new Date(Date.now() - 30 * 60 * 1000).toISOString();
await writeFile(
  path.join(target, "articles", "world", "e2e-fresh.md"),
  `---\ntitle: "Свежая новость для новостных агрегаторов"\ndate: "${fresh}"\nsection: world\n---\nПервый абзац свежей новости.\n\nВторой абзац свежей новости.\n`,
);

// A long read: 1,003 words make "6 минут чтения" (the "many" plural form; the demo articles are short).
const sentence = "Длинный материал нужен для проверки времени чтения на странице статьи.";
await writeFile(
  path.join(target, "articles", "culture", "e2e-long-read.md"),
  `---\ntitle: "Длинное чтение для проверки времени"\ndate: "2024-02-10T10:00:00+03:00"\nsection: culture\nlead: "Лид длинного материала."\n---\n${Array.from({ length: 50 }, () => `${sentence} ${sentence}`).join("\n\n")}\n`,
);

// The demo partners' feeds (content/sources.json, file: feeds) imported as `npm run import` does:
// the suite sees imported articles with their attribution, photos and «Также сообщают». The demo
// folder's own imports, if someone ran the importer there, are not copied (see .gitignore).
const imported = spawnSync(process.execPath, ["--import", "tsx", "scripts/content/import.ts", "--content", target, "--quiet"], { cwd: root, encoding: "utf8" });
if (imported.status !== 0) throw new Error(`the importer failed on the demo feeds:\n${imported.stdout}${imported.stderr}`);

console.log(`e2e content prepared in ${target}`);
