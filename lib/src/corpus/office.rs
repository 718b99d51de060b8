//! Corpus generation: the kinds of office a record is about, with their era titles
//! and the body whose numbered terms the table lists.

use super::names::Script;

/// One kind of office; `{P}` in a pattern is replaced by the record's place.
#[derive(Debug)]
pub struct OfficeKind {
    /// The record's title and the position's name.
    pub title: &'static str,
    /// The infobox `Post`.
    pub post: &'static str,
    /// The infobox `Body`.
    pub body: &'static str,
    /// The Vietnamese name given in parentheses in the first paragraph.
    pub vietnamese: &'static str,
    /// The post's title in successive eras, oldest first (era headings).
    pub eras: &'static [&'static str],
    /// The body whose numbered terms fill the term column (`5th {P} Party Congress`).
    pub term_body: &'static str,
    /// The plural heading of the officeholder section.
    pub holders_heading: &'static str,
}

pub const VIETNAMESE_OFFICES: &[OfficeKind] = &[
    OfficeKind {
        title: "Chair of the {P} Provincial People's Committee",
        post: "Chair",
        body: "{P} Provincial People's Committee",
        vietnamese: "Chủ tịch Ủy ban nhân dân tỉnh {P}",
        eras: &[
            "Chairman of the {P} Administrative Committee",
            "Chairman of the {P} Administrative–Resistance Committee",
            "Chair of the {P} Provincial People's Committee",
        ],
        term_body: "Provincial People's Council",
        holders_heading: "Chairs",
    },
    OfficeKind {
        title: "Secretary of the {P} Provincial Party Committee",
        post: "Secretary",
        body: "{P} Provincial Party Committee",
        vietnamese: "Bí thư Tỉnh ủy {P}",
        eras: &[
            "Secretary of the {P} Committee of the Indochinese Communist Party",
            "Secretary of the {P} Committee of the Workers' Party of Vietnam",
            "Secretary of the {P} Provincial Party Committee",
        ],
        term_body: "Provincial Party Congress",
        holders_heading: "Secretaries",
    },
    OfficeKind {
        title: "Mayor of {P}",
        post: "Mayor",
        body: "{P} City People's Committee",
        vietnamese: "Chủ tịch Ủy ban nhân dân thành phố {P}",
        eras: &[
            "Chairman of the {P} Town Administrative Committee",
            "Mayor of {P}",
        ],
        term_body: "City People's Council",
        holders_heading: "Mayors",
    },
    OfficeKind {
        title: "Director of the {P} Department of Health",
        post: "Director",
        body: "{P} Department of Health",
        vietnamese: "Giám đốc Sở Y tế {P}",
        eras: &[
            "Head of the {P} Health Service",
            "Director of the {P} Department of Health",
        ],
        term_body: "Provincial People's Council",
        holders_heading: "Directors",
    },
    OfficeKind {
        title: "Chief Justice of the {P} People's Court",
        post: "Chief Justice",
        body: "{P} People's Court",
        vietnamese: "Chánh án Tòa án nhân dân tỉnh {P}",
        eras: &[
            "President of the {P} Court",
            "Chief Justice of the {P} People's Court",
        ],
        term_body: "Provincial People's Council",
        holders_heading: "Chief Justices",
    },
    OfficeKind {
        title: "Commander of the {P} Military Command",
        post: "Commander",
        body: "{P} Military Command",
        vietnamese: "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh {P}",
        eras: &[
            "Commander of the {P} Military Region",
            "Commander of the {P} Military Command",
        ],
        term_body: "Provincial Party Congress",
        holders_heading: "Commanders",
    },
];

pub const FOREIGN_OFFICES: &[OfficeKind] = &[
    OfficeKind {
        title: "Governor of {P} Region",
        post: "Governor",
        body: "{P} Regional Administration",
        vietnamese: "Thống đốc vùng {P}",
        eras: &["Commissioner of {P}", "Governor of {P} Region"],
        term_body: "Regional Assembly",
        holders_heading: "Governors",
    },
    OfficeKind {
        title: "Ambassador of {P} to the United Nations",
        post: "Ambassador",
        body: "{P} Mission to the United Nations",
        vietnamese: "Đại sứ {P} tại Liên Hợp Quốc",
        eras: &["Envoy of {P}", "Ambassador of {P} to the United Nations"],
        term_body: "National Assembly",
        holders_heading: "Ambassadors",
    },
];

/// The parties a party column may name.
pub fn parties(script: Script) -> &'static [&'static str] {
    match script {
        Script::Vietnamese => &[
            "Việt Minh",
            "Workers' Party",
            "Communist Party",
            "Independent",
        ],
        Script::European => &["Social Democrats", "Centre Party", "Liberal Alliance"],
        Script::Cyrillic => &["Коммунистическая партия", "Единая Россия", "Independent"],
        Script::Chinese => &["中国共产党", "Independent"],
    }
}

/// Fills `{P}` in a pattern.
pub fn fill(pattern: &str, place: &str) -> String {
    pattern.replace("{P}", place)
}
