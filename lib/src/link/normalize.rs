//! Reconcile stage (link): label keys for matching — the identity key and the
//! diacritic-insensitive search key.
//!
//! The identity key is NFC, trimmed, whitespace folded to one space, case-folded;
//! diacritics are kept (`Lê` and `Le` are different names). The search key also drops
//! combining marks and maps `đ`/`Đ` to `d`: it only *finds* candidates, which then
//! need corroboration before they can be linked.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The identity key of a label: NFC, trimmed, inner whitespace folded, lower case.
///
/// ```
/// use officegraph::link::normalize::label_key;
/// assert_eq!(label_key("  To\u{0302}  LÂM "), label_key("tô lâm"));
/// assert_ne!(label_key("Tô Lâm"), label_key("To Lam"));
/// ```
pub fn label_key(label: &str) -> String {
    let folded: String = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let nfc: String = folded.nfc().collect();
    nfc.to_lowercase().nfc().collect()
}

/// The search key: the identity key without diacritics (`Đỗ Mười` → `do muoi`).
pub fn search_key(label: &str) -> String {
    label_key(label)
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_keeps_diacritics_and_folds_the_rest() {
        assert_eq!(label_key("Nguyễn  Văn\tLinh"), "nguyễn văn linh");
        assert_eq!(
            label_key("Nguye\u{0302}\u{0303}n Văn Linh"),
            "nguyễn văn linh"
        );
        assert_ne!(label_key("Lê Duẩn"), label_key("Le Duan"));
        assert_eq!(label_key("ĐỖ MƯỜI"), label_key("Đỗ Mười"));
    }

    #[test]
    fn search_key_drops_diacritics() {
        assert_eq!(search_key("Đỗ Mười"), "do muoi");
        assert_eq!(search_key("Lê Khả Phiêu"), search_key("Le Kha Phieu"));
        assert_eq!(search_key(" Tô  Lâm "), "to lam");
    }
}
