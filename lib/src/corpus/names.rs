//! Corpus generation: person and place names, each a bijection from a number.
//!
//! A person is a number; its name is that number written in a mixed radix over
//! lists of name parts, so two different numbers never give the same name (up to
//! [`capacity`]) and the same number gives the same name in every record. That is
//! what lets the ground truth say exactly which people several records share.

/// The writing system of a record's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Vietnamese, with diacritics: `Nguyễn Thị Minh Khai`.
    Vietnamese,
    /// European Latin names with diacritics: `Søren Dvořák`.
    European,
    /// Russian in Cyrillic: `Иван Сергеевич Петров`.
    Cyrillic,
    /// Chinese characters, no spaces: `王建国`.
    Chinese,
}

const VI_SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Vương", "Trịnh", "Trương", "Lâm", "Phùng", "Mai",
];
const VI_MIDDLES: &[&str] = &[
    "Văn", "Thị", "Đức", "Hữu", "Quang", "Minh", "Ngọc", "Xuân", "Thanh", "Công", "Đình", "Bá",
    "Tấn", "Hồng", "Kim", "Thu", "Trọng", "Viết", "Quốc", "Khắc", "Duy", "Mạnh", "Tiến", "Thế",
    "Như", "Phú", "Gia", "Hải", "Anh", "Bảo",
];
const VI_GIVEN: &[&str] = &[
    "An", "Anh", "Bình", "Cường", "Dũng", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa",
    "Hùng", "Hương", "Huy", "Khải", "Khánh", "Lan", "Linh", "Lộc", "Long", "Mai", "Mạnh", "Minh",
    "Nam", "Nga", "Nghĩa", "Ngọc", "Nhân", "Oanh", "Phong", "Phúc", "Phương", "Quân", "Quang",
    "Quyết", "Sơn", "Tâm", "Thắng", "Thành", "Thảo", "Thịnh", "Thủy", "Tiến", "Toàn", "Trang",
    "Trí", "Trung", "Tú", "Tuấn", "Tùng", "Uyên", "Vân", "Việt", "Vinh", "Xuân", "Yến", "Đạt",
    "Định", "Đông", "Bắc", "Cẩm", "Chiến", "Chính", "Diệp", "Duẩn", "Gấm", "Hằng", "Hiển", "Kiên",
    "Lợi", "Luận", "Mười", "Ninh", "Phiêu", "Quế", "Sang", "Sinh", "Tài", "Thái", "Thiện", "Thông",
    "Thuận", "Tín", "Trinh", "Tường", "Vĩnh", "Vượng", "Ánh", "Ân", "Bích", "Chi", "Đào", "Điệp",
    "Hậu", "Khoa", "Lực", "Nhung", "Phát", "Sáu",
];
const EU_GIVEN: &[&str] = &[
    "Søren",
    "Åsa",
    "Jürgen",
    "Zoë",
    "José",
    "Inés",
    "François",
    "Hélène",
    "Łukasz",
    "Małgorzata",
    "Dagný",
    "Þórður",
    "Björn",
    "Märta",
    "Çetin",
    "Ayşe",
    "Jiří",
    "Božena",
    "Ágnes",
    "Gábor",
    "Niamh",
    "Seán",
    "Raúl",
    "Ximena",
    "Ólafur",
    "Mátyás",
    "Renée",
    "Žarko",
    "Dušan",
    "Ivana",
    "Anders",
    "Kirsten",
    "Matteo",
    "Giulia",
    "Henrik",
    "Pilar",
    "Tomás",
    "Brigitte",
    "Erik",
    "Liesl",
];
const EU_SURNAMES: &[&str] = &[
    "Dvořák",
    "Kierkegaard",
    "Müller",
    "Nuñez",
    "Østergaard",
    "Wójcik",
    "Szabó",
    "Gonçalves",
    "Hämäläinen",
    "Öztürk",
    "Jónsdóttir",
    "Lefèvre",
    "Brontë",
    "Čapek",
    "Łęcki",
    "Ruíz",
    "Sørensen",
    "Åberg",
    "Fernández",
    "Kovačević",
    "Nowak",
    "Lindqvist",
    "Moreau",
    "Ferreira",
    "Horváth",
    "Novák",
    "Schröder",
    "Bianchi",
    "Janssen",
    "O'Brien",
    "Petrović",
    "Virtanen",
    "Dubois",
    "Rossi",
    "Kowalski",
    "Larsen",
    "Weiß",
    "Gómez",
    "Popescu",
    "Vasquez",
];
const RU_GIVEN: &[&str] = &[
    "Иван",
    "Сергей",
    "Алексей",
    "Михаил",
    "Дмитрий",
    "Николай",
    "Андрей",
    "Павел",
    "Юрий",
    "Борис",
    "Олег",
    "Виктор",
    "Григорий",
    "Фёдор",
    "Лев",
    "Пётр",
    "Константин",
    "Аркадий",
    "Степан",
    "Тимофей",
];
const RU_PATRONYMICS: &[&str] = &[
    "Сергеевич",
    "Иванович",
    "Петрович",
    "Алексеевич",
    "Михайлович",
    "Николаевич",
    "Андреевич",
    "Павлович",
    "Юрьевич",
    "Борисович",
    "Олегович",
    "Викторович",
    "Григорьевич",
    "Фёдорович",
    "Львович",
    "Степанович",
];
const RU_SURNAMES: &[&str] = &[
    "Петров",
    "Соколов",
    "Волков",
    "Козлов",
    "Лебедев",
    "Новиков",
    "Морозов",
    "Попов",
    "Васильев",
    "Зайцев",
    "Павлов",
    "Семёнов",
    "Голубев",
    "Виноградов",
    "Богданов",
    "Воробьёв",
    "Фёдоров",
    "Михайлов",
    "Беляев",
    "Тарасов",
    "Белов",
    "Комаров",
    "Орлов",
    "Киселёв",
    "Макаров",
    "Андреев",
    "Ковалёв",
    "Ильин",
    "Гусев",
    "Титов",
];
const RU_INITIALS: &[char] = &[
    'А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З', 'И', 'К', 'Л', 'М', 'Н', 'О', 'П', 'Р', 'С', 'Т', 'У',
    'Ф', 'Х', 'Ц', 'Ч', 'Ш', 'Щ', 'Э', 'Ю', 'Я', 'Ё', 'Й', 'Ы', 'Ъ',
];
const ZH_SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗",
];
const ZH_GIVEN: &[&str] = &[
    "建", "国", "明", "华", "伟", "芳", "军", "平", "志", "红", "英", "海", "文", "东", "德", "春",
    "光", "荣", "新", "力", "玉", "林", "宏", "峰", "云", "忠", "庆", "兴", "永", "民",
];

/// How many distinct names a script can give before names would repeat.
pub fn capacity(script: Script) -> u64 {
    let (a, b, c, d) = radices(script);
    a * b * c * (d + 1)
}

/// The smallest capacity over all scripts.
pub fn min_capacity() -> u64 {
    [
        Script::Vietnamese,
        Script::European,
        Script::Cyrillic,
        Script::Chinese,
    ]
    .into_iter()
    .map(capacity)
    .min()
    .unwrap_or(0)
}

fn radices(script: Script) -> (u64, u64, u64, u64) {
    let n = |s: &[&str]| s.len() as u64;
    match script {
        Script::Vietnamese => (n(VI_SURNAMES), n(VI_MIDDLES), n(VI_GIVEN), n(VI_GIVEN)),
        Script::European => (
            n(EU_GIVEN),
            n(EU_SURNAMES),
            n(EU_GIVEN),
            n(EU_SURNAMES) * 26,
        ),
        Script::Cyrillic => (
            n(RU_GIVEN),
            n(RU_PATRONYMICS),
            n(RU_SURNAMES),
            n(RU_SURNAMES) * 32,
        ),
        Script::Chinese => (
            n(ZH_SURNAMES),
            n(ZH_GIVEN),
            n(ZH_GIVEN),
            n(ZH_GIVEN) * n(ZH_GIVEN),
        ),
    }
}

/// Scrambles `id` within `0..cap` (an affine bijection), so that people with
/// neighbouring numbers do not share a surname pattern.
fn scramble(id: u64, cap: u64) -> u64 {
    // 2_654_435_761 is prime and larger than every capacity's factors, so it is
    // coprime with `cap` unless `cap` is a multiple of it (never, see the test).
    ((u128::from(id % cap) * 2_654_435_761) % u128::from(cap)) as u64
}

/// The name of person `id` in `script`. Distinct ids below [`capacity`] give
/// distinct names.
pub fn person_name(script: Script, id: u64) -> String {
    let (a, b, c, _) = radices(script);
    let x = scramble(id, capacity(script));
    let (i, j, k, q) = (x % a, (x / a) % b, (x / (a * b)) % c, x / (a * b * c));
    let at = |list: &[&'static str], i: u64| list[i as usize % list.len()];
    match script {
        Script::Vietnamese => {
            let mut name = format!("{} {}", at(VI_SURNAMES, i), at(VI_MIDDLES, j));
            if q > 0 {
                name.push(' ');
                name.push_str(at(VI_GIVEN, q - 1));
            }
            name.push(' ');
            name.push_str(at(VI_GIVEN, k));
            name
        }
        Script::European => {
            let mut name = format!("{} ", at(EU_GIVEN, i));
            if q > 0 {
                let initial = char::from(b'A' + ((q - 1) % 26) as u8);
                name.push_str(&format!("{} {initial}. ", at(EU_GIVEN, k)));
                name.push_str(&format!(
                    "{}-{}",
                    at(EU_SURNAMES, j),
                    at(EU_SURNAMES, (q - 1) / 26)
                ));
            } else {
                name.push_str(at(EU_GIVEN, k));
                name.push(' ');
                name.push_str(at(EU_SURNAMES, j));
            }
            name
        }
        Script::Cyrillic => {
            let mut name = format!(
                "{} {} {}",
                at(RU_GIVEN, i),
                at(RU_PATRONYMICS, j),
                at(RU_SURNAMES, k)
            );
            if q > 0 {
                // A second surname and an initial: `Иван Сергеевич Петров-Орлов К.`.
                let second = at(RU_SURNAMES, (q - 1) / 32);
                let initial = RU_INITIALS[((q - 1) % 32) as usize % RU_INITIALS.len()];
                name.push_str(&format!("-{second} {initial}."));
            }
            name
        }
        Script::Chinese => {
            let mut name = format!(
                "{}{}{}",
                at(ZH_SURNAMES, i),
                at(ZH_GIVEN, j),
                at(ZH_GIVEN, k)
            );
            if q > 0 {
                let g = ZH_GIVEN.len() as u64;
                name.push_str(at(ZH_GIVEN, (q - 1) / g));
                name.push_str(at(ZH_GIVEN, (q - 1) % g));
            }
            name
        }
    }
}

const PLACE_SYLLABLES: &[&str] = &[
    "Tân", "Phú", "Lộc", "Hòa", "Bình", "An", "Xuân", "Thạnh", "Long", "Vĩnh", "Phước", "Đông",
    "Tây", "Nam", "Bắc", "Hưng", "Thuận", "Quảng", "Hải", "Sơn", "Thái", "Cẩm", "Gia", "Kiến",
    "Mỹ", "Ninh", "Quế", "Trà", "Yên", "Lạc", "Đức", "Hiệp", "Khánh", "Lâm", "Minh", "Nghĩa",
    "Phong", "Quy", "Tiên", "Trung", "Vân", "Châu", "Định", "Hà", "Kỳ", "Lương", "Nhơn", "Thiện",
    "Triệu", "Uông", "Diên", "Bảo", "Cát", "Đại", "Hậu", "Kim", "Liên", "Mộ", "Phụng", "Thọ",
];

/// How many distinct place names there are.
pub fn place_capacity() -> u64 {
    let n = PLACE_SYLLABLES.len() as u64;
    n * n * n
}

/// The name of place `id`: two or three syllables, distinct for ids below
/// [`place_capacity`].
pub fn place_name(id: u64) -> String {
    let n = PLACE_SYLLABLES.len() as u64;
    let x = scramble(id, place_capacity());
    let s = |i: u64| PLACE_SYLLABLES[(i % n) as usize];
    // Three syllables always, so the bijection holds; the first may repeat the
    // second's sound in real toponyms too.
    format!("{} {} {}", s(x), s(x / n), s(x / (n * n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_distinct_over_a_large_range() {
        for script in [
            Script::Vietnamese,
            Script::European,
            Script::Cyrillic,
            Script::Chinese,
        ] {
            let cap = capacity(script);
            assert_ne!(cap % 2_654_435_761, 0);
            let ids = (0..30_000u64).chain(cap - 30_000..cap);
            let names: HashSet<String> = ids.map(|id| person_name(script, id)).collect();
            assert_eq!(names.len(), 60_000, "{script:?}");
        }
    }

    #[test]
    fn capacity_holds_a_hundred_thousand_records() {
        assert!(min_capacity() > 7_000_000, "{}", min_capacity());
    }

    #[test]
    fn vietnamese_names_carry_diacritics_and_are_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let names: Vec<String> = (0..50)
            .map(|i| person_name(Script::Vietnamese, i))
            .collect();
        assert!(names.iter().any(|n| !n.is_ascii()));
        for n in &names {
            assert_eq!(n.nfc().collect::<String>(), *n);
            assert!(n.split(' ').count() >= 3, "{n}");
        }
    }

    #[test]
    fn places_are_distinct() {
        let names: HashSet<String> = (0..place_capacity()).map(place_name).collect();
        assert_eq!(names.len() as u64, place_capacity());
    }
}
