//! `briefmap bench`: times the gazetteer build and extraction over a synthetic corpus of
//! briefs in six languages (recombined from templates, places and people), over real briefs
//! from a folder, and over degenerate briefs as large as a brief may be, on one core.

use std::path::PathBuf;
use std::time::Instant;

use crate::extract::extract_brief;
use crate::gazetteer::{Gazetteer, Tables};
use crate::model::{DateRange, Publication};

const TEMPLATES: &[(&str, &str)] = &[
    (
        "en",
        "{CITY}, {MONTH_EN} {DAY}. {PERSON}, Vice-Minister of Energy of {COUNTRY_EN}, met the head of {ORG} in {CITY} on Tuesday to discuss gas supplies via the port of Aktau and the Galkynysh field. The parties signed a memorandum on the construction of a new pipeline, {PERSON} said. Last year exports grew by 12 percent.",
    ),
    (
        "fr",
        "Au cours de sa visite à {CITY}, {PERSON}, président du conseil d'administration de {ORG}, a rencontré des responsables turkmènes mercredi. En octobre, le parlement a voté pour la construction d'une centrale. Les discussions ont porté sur les gisements gaziers et le port de Ceyhan en Turquie.",
    ),
    (
        "ru",
        "В {CITY_RU} состоялась встреча председателя правления АО НК «КазМунайГаз» {PERSON_RU} с министром энергетики Турции. Стороны обсудили сотрудничество в нефтегазовой отрасли 21 марта 2025 г. В понедельник министр заявил о рекорде на КПП Дулата между Китаем и Казахстаном.",
    ),
    (
        "tr",
        "Enerji ve Tabii Kaynaklar Bakanı Alparslan Bayraktar, Salı günü {CITY}'da Türkmenistan heyetiyle görüştü. Taraflar Türkmengaz ile BOTAŞ arasında doğal gaz tedariki anlaşmasını imzaladı. 15 Mart 2025 tarihinde Bakü'de yeni bir toplantı yapılacak.",
    ),
    (
        "de",
        "Der kasachische Präsident Kassym-Schomart Tokajew hat am Dienstag in {CITY} den türkischen Energieminister empfangen. Die Gespräche drehten sich um Öllieferungen über die Pipeline des Kaspischen Pipeline-Konsortiums nach Noworossijsk. Im Oktober 2024 stimmte Kasachstan für den Bau eines Kernkraftwerks.",
    ),
    (
        "kk",
        "Қазақстан мен Түрікменстан газ саласындағы ынтымақтастықты нығайтуға келісті. 2025 жылғы 3 қыркүйекте Астанада {ORG} басшысы кездесу өткізді. Тараптар Теңіз кен орнындағы жобаларды талқылады.",
    ),
];

const CITIES: &[(&str, &str)] = &[
    ("Ashgabat", "Ашхабаде"),
    ("Ankara", "Анкаре"),
    ("Astana", "Астане"),
    ("Baku", "Баку"),
    ("Tashkent", "Ташкенте"),
    ("Almaty", "Алматы"),
    ("Bishkek", "Бишкеке"),
    ("Moscow", "Москве"),
    ("Beijing", "Пекине"),
    ("Tehran", "Тегеране"),
    ("Aktau", "Актау"),
    ("Tbilisi", "Тбилиси"),
];
const PEOPLE: &[(&str, &str)] = &[
    ("Alibek Zhamauov", "Асхата Хасенова"),
    ("Sanjar Zharkeshov", "Алмасадама Саткалиева"),
    ("Maksat Babayev", "Асета Магауова"),
    ("Batyr Amanov", "Болата Акчулакова"),
];
const ORGS: &[&str] = &[
    "QazaqGaz",
    "KazMunayGas",
    "Türkmengaz",
    "TPAO",
    "SOCAR",
    "Uzbekneftegaz",
    "Rosatom",
    "CNPC",
];
const COUNTRIES: &[&str] = &[
    "Kazakhstan",
    "Turkmenistan",
    "Uzbekistan",
    "Azerbaijan",
    "Turkey",
];
const MONTHS: &[&str] = &["January", "March", "May", "July", "September", "November"];

/// A deterministic synthetic brief number `i` and its publication.
pub fn synthetic_brief(i: usize) -> (String, Publication) {
    let (lang, template) = TEMPLATES[i % TEMPLATES.len()];
    let (city, city_ru) = CITIES[(i / 7) % CITIES.len()];
    let (person, person_ru) = PEOPLE[(i / 3) % PEOPLE.len()];
    let text = template
        .replace("{CITY_RU}", city_ru)
        .replace("{CITY}", city)
        .replace("{PERSON_RU}", person_ru)
        .replace("{PERSON}", person)
        .replace("{ORG}", ORGS[(i / 5) % ORGS.len()])
        .replace("{COUNTRY_EN}", COUNTRIES[(i / 11) % COUNTRIES.len()])
        .replace("{MONTH_EN}", MONTHS[i % MONTHS.len()])
        .replace("{DAY}", &(1 + i % 28).to_string());
    let day = 1 + (i % 28) as u32;
    let month = 1 + (i / 28 % 12) as u32;
    let published =
        chrono::NaiveDate::from_ymd_opt(2024 + (i % 3) as i32, month, day).map(DateRange::day);
    (
        text,
        Publication {
            published,
            language: Some(lang.to_string()),
            ..Publication::default()
        },
    )
}

/// Runs the benchmark and prints its figures.
pub fn run(count: usize) -> Result<(), crate::gazetteer::tsv::TsvError> {
    let started = Instant::now();
    let gazetteer = Gazetteer::from_tables(&Tables::bundled())?;
    let load = started.elapsed();
    println!(
        "gazetteer: {} places, {} countries, {} organisations, built in {:.1} ms",
        gazetteer.places.len(),
        gazetteer.countries.len(),
        gazetteer.organizations.len(),
        load.as_secs_f64() * 1000.0
    );
    let corpus: Vec<(String, Publication)> = (0..count).map(synthetic_brief).collect();
    let bytes: usize = corpus.iter().map(|(t, _)| t.len()).sum();
    // Warm-up, then timed runs on this thread only (one core).
    for (text, publication) in corpus.iter().take(200) {
        std::hint::black_box(extract_brief(
            PathBuf::from("warmup.txt"),
            text,
            publication,
            &gazetteer,
        ));
    }
    let mut rates = Vec::new();
    for run in 0..3 {
        let t = Instant::now();
        let mut events = 0usize;
        for (i, (text, publication)) in corpus.iter().enumerate() {
            let brief = extract_brief(
                PathBuf::from(format!("synthetic-{i}.txt")),
                text,
                publication,
                &gazetteer,
            );
            events += brief.events.len();
        }
        let secs = t.elapsed().as_secs_f64();
        rates.push(count as f64 / secs);
        println!(
            "run {}: {} briefs ({:.2} MB) in {:.3} s: {:.0} briefs/s, {:.2} MB/s on one core, {} events",
            run + 1,
            count,
            bytes as f64 / 1e6,
            secs,
            count as f64 / secs,
            bytes as f64 / 1e6 / secs,
            events
        );
    }
    rates.sort_by(f64::total_cmp);
    println!("median: {:.0} briefs/s on one core", rates[rates.len() / 2]);
    real_briefs(&gazetteer);
    degenerate(&gazetteer);
    Ok(())
}

/// Briefs as large as a brief may be made of one thing repeated: the slowest input extraction
/// can meet (its time per brief is to stay under half a second).
pub fn degenerate_briefs() -> Vec<(&'static str, String)> {
    let limit = crate::sources::brief_file::MAX_BRIEF_BYTES as usize - 16;
    let fill = |unit: &str| unit.repeat(limit / unit.len());
    vec![
        ("one place name", fill("Ankara ")),
        ("one place name, no spaces", fill("Ankara")),
        ("one Russian place name declined", fill("в Ашхабаде ")),
        ("one organisation", fill("KazMunayGas ")),
        ("one person", fill("Kassym-Jomart Tokayev ")),
        ("capitalised words", fill("Great Northern Energy ")),
        ("one legal form", fill("Energy LLP ")),
        ("one date", fill("le 3 septembre 2024 ")),
        ("one weekday", fill("mercredi ")),
        ("one impossible date", fill("31 février 2025 ")),
        (
            "one sentence",
            fill("Kazakhstan and Turkmenistan signed a gas deal in Ashgabat. "),
        ),
        ("one line per word", fill("Ankara\n")),
        (
            "one paragraph per sentence",
            fill("Ankara signed a deal with Baku on Monday.\n\n"),
        ),
        ("short lines before one paragraph", {
            let mut text = fill("Ankara Baku Gas Oil\n");
            text.truncate(limit - 200);
            text.push_str(
                "\nKazakhstan and Turkmenistan signed a gas deal in Ashgabat on Monday.\n",
            );
            text
        }),
        ("blank lines", fill("\n")),
        ("one letter", fill("a")),
        ("digits", fill("1")),
        ("punctuation", fill(".,;")),
        ("quotes and brackets", fill("«(\"")),
        ("Cyrillic letters", fill("ж")),
    ]
}

fn degenerate(gazetteer: &Gazetteer) {
    let publication = Publication {
        published: DateRange::parse_iso("2025-03-21"),
        ..Publication::default()
    };
    let mut slowest = (0.0f64, "");
    for (name, text) in degenerate_briefs() {
        let t = Instant::now();
        let brief = extract_brief(
            PathBuf::from("degenerate.txt"),
            &text,
            &publication,
            gazetteer,
        );
        let secs = t.elapsed().as_secs_f64();
        println!(
            "degenerate, {name} ({:.2} MB): {:.3} s, {} places, {} events",
            text.len() as f64 / 1e6,
            secs,
            brief.places.len(),
            brief.events.len()
        );
        if secs > slowest.0 {
            slowest = (secs, name);
        }
    }
    println!(
        "degenerate: slowest {:.3} s ({}); target at most 0.5 s per brief",
        slowest.0, slowest.1
    );
}

/// Times extraction on the bundled briefs (real briefs of ordinary length, with their
/// sidecars' publications), each extracted many times: MB/s on one core, median of 3 runs.
fn real_briefs(gazetteer: &Gazetteer) {
    let dir = crate::paths::bundled_briefs_dir();
    let (files, _) = crate::sources::discover(std::slice::from_ref(&dir));
    let corpus: Vec<(PathBuf, String, Publication)> = files
        .into_iter()
        .filter_map(|file| {
            let text = crate::sources::read_brief_text(&file).ok()?;
            let (publication, _) = crate::sources::read_publication(&file);
            Some((file, text, publication))
        })
        .collect();
    if corpus.is_empty() {
        println!("real briefs: none found in {}", dir.display());
        return;
    }
    let sizes: Vec<usize> = corpus.iter().map(|(_, t, _)| t.len()).collect();
    let repeats = 200;
    let bytes = sizes.iter().sum::<usize>() * repeats;
    let mut rates = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        for _ in 0..repeats {
            for (file, text, publication) in &corpus {
                std::hint::black_box(extract_brief(file.clone(), text, publication, gazetteer));
            }
        }
        rates.push(bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "real briefs: the {} bundled briefs ({:.1}–{:.1} KB) x {repeats}: {:.2} MB/s on one core \
         (median of 3 runs; {:.2}–{:.2})",
        corpus.len(),
        *sizes.iter().min().unwrap_or(&0) as f64 / 1e3,
        *sizes.iter().max().unwrap_or(&0) as f64 / 1e3,
        rates[1],
        rates[0],
        rates[2]
    );
}
